package io.spacetime.runbook.document;

/**
 * {@code approve}: the run waits for a person's decision (the {@code approve} update, with approver
 * and reason) for at most {@code timeout}; {@code onTimeout} says what no answer means.
 *
 * @param timeout {@code 30m}, {@code 2h}, {@code 45s}
 * @param onTimeout {@code reject} (the default: the step fails) or {@code approve}
 */
public record ApproveAction(String prompt, String timeout, String onTimeout) {

  public static final String REJECT = "reject";
  public static final String APPROVE = "approve";

  public ApproveAction {
    prompt = prompt == null ? "" : prompt;
    onTimeout = onTimeout == null ? REJECT : onTimeout;
  }
}
