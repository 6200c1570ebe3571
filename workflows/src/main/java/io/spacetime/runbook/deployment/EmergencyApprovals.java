package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.SummarisedWait;
import java.time.Duration;
import java.util.Optional;

/**
 * The runbook's "Emergency Deployment: As needed, with manager approval": the state behind the
 * {@code approveEmergency} update. An approval is accepted only while the run waits for one, and
 * only with an approver and a reason.
 */
final class EmergencyApprovals {

  static final String NOT_WAITING = "this deployment is not waiting for an emergency approval";

  private boolean waiting;
  private EmergencyApproval approval;

  /** The update validator: rejects before anything is recorded in history. */
  void validate(EmergencyApproval candidate) {
    if (candidate == null) {
      throw new InvalidInputException("emergency approval is invalid: {\"approver\": ..., \"reason\": ...} is required");
    }
    candidate.validate();
    if (!waiting) {
      throw new IllegalStateException(NOT_WAITING);
    }
  }

  /** The update handler: records the approval the waiting run proceeds on. */
  String accept(EmergencyApproval accepted) {
    approval = accepted;
    waiting = false;
    return "emergency deployment approved by " + accepted.approver() + ": " + accepted.reason();
  }

  /**
   * From now on an approval is accepted. Called before the run tells anyone it waits, so an
   * approver who reacts to that notice at once is never turned away.
   */
  void open() {
    waiting = true;
  }

  /** Waits up to {@code timeout} of workflow time; empty when no approval arrived. */
  Optional<EmergencyApproval> await(Duration timeout) {
    SummarisedWait.await(timeout, "Deployment Window: waiting for an emergency approval (approveEmergency)",
        () -> approval != null);
    waiting = false;
    return Optional.ofNullable(approval);
  }
}
