package io.spacetime.runbook.ports.hosts;

/**
 * What one remote command did: the command as run (every argument already quoted), where, its
 * exit code, and bounded tails of its output. Embedded in every host observation so the report
 * can show the operator exactly what ran.
 */
public record CommandEvidence(
    String host, String command, int exitCode, String stdoutTail, String stderrTail, long durationMs) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public CommandEvidence {
    host = host == null ? "" : host;
    command = command == null ? "" : command;
    stdoutTail = stdoutTail == null ? "" : stdoutTail;
    stderrTail = stderrTail == null ? "" : stderrTail;
  }

  public boolean succeeded() {
    return exitCode == 0;
  }
}
