package io.spacetime.runbook.document;

/**
 * {@code notify}: a notice to the team through the environment's notification settings. Declared
 * parameters in {@code title} and {@code text} are replaced by their values. A notice that cannot be
 * delivered fails the step.
 *
 * @param severity {@code info}, {@code warning} or {@code critical}
 */
public record NotifyAction(String severity, String title, String text) {

  public NotifyAction {
    severity = severity == null ? "info" : severity;
    text = text == null ? "" : text;
  }
}
