package io.spacetime.runbook.document;

/**
 * {@code note}: the run waits (a durable timer, so a worker restart changes nothing) for the
 * {@code note} update: who writes and the text (handoff notes read, and the new shift's own), and
 * records it in the report as the step's evidence.
 *
 * @param timeout {@code 30m}, {@code 4h}
 * @param onTimeout {@code fail} (the default: no note in time fails the step) or {@code skip}
 *     (recorded as not checked: no note, and the run goes on)
 */
public record NoteAction(String prompt, String timeout, String onTimeout) {

  public static final String FAIL = "fail";
  public static final String SKIP = "skip";

  public NoteAction {
    prompt = prompt == null ? "" : prompt;
    onTimeout = onTimeout == null ? FAIL : onTimeout;
  }
}
