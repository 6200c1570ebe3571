package io.spacetime.runbook.document;

/**
 * {@code undo}: the command that puts back what a {@code run} step changed, run on each host the
 * step ran on, in reverse order of the steps, when the run rolls back. Placeholders as in {@link RunAction}.
 */
public record CommandUndo(String command, Integer timeoutSeconds) {

  public CommandUndo {
    timeoutSeconds = timeoutSeconds == null ? RunAction.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }
}
