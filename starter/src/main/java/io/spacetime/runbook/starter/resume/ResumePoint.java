package io.spacetime.runbook.starter.resume;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;

/**
 * Where a closed run goes on from: the workflow task that began {@code step}, the first step
 * that did not pass. A Temporal reset to {@code workflowTaskCompletedEventId} keeps every event
 * before that task, so the steps that passed are not run again, and runs the code from the
 * beginning of {@code step} on.
 *
 * @param runId the closed run that is reset (a reset creates a new run under the same workflow id)
 * @param environment the environment the run changes (its lock is taken before the reset)
 */
public record ResumePoint(
    String workflowId,
    String runId,
    String workflowType,
    String environment,
    Outcome outcome,
    StepResult step,
    long workflowTaskCompletedEventId) {

  /** "Rollback: start v2.5.0 and verify health [host-1]" */
  public String stepLabel() {
    return step.title() + (step.host().isEmpty() ? "" : " [" + step.host() + "]");
  }

  /** What the resumed run does first, for the operator and the reset's reason. */
  public String whatRunsAgain() {
    return outcome == Outcome.ROLLBACK_FAILED
        ? "the failed undo " + stepLabel() + ", then every undo after it"
        : "the failed step " + stepLabel() + ", then the rest of the runbook";
  }
}
