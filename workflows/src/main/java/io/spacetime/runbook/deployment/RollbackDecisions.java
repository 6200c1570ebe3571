package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.InvalidInputException;
import java.util.Optional;

/**
 * The state behind the {@code decideRollback} update: a decision is accepted only while the watch
 * window waits for one, and only with a decision, an approver and a reason. The validator rejects
 * anything else before it is written to history.
 */
final class RollbackDecisions {

  static final String NOT_WAITING = "this deployment is not waiting for a rollback decision"
      + " (only the watch window after Step 10 asks for one, when a sample reaches \"Consider Rollback\")";

  private boolean waiting;
  private RollbackDecision decision;

  void validate(RollbackDecision candidate) {
    if (candidate == null) {
      throw new InvalidInputException("rollback decision is invalid: {\"decision\": \"rollback\" or \"keep\","
          + " \"approver\": ..., \"reason\": ...} is required");
    }
    candidate.validate();
    if (!waiting) {
      throw new IllegalStateException(NOT_WAITING);
    }
  }

  String accept(RollbackDecision accepted) {
    decision = accepted;
    waiting = false;
    return (accepted.rollsBack() ? "rollback" : "keep the release") + " decided by " + accepted.approver() + ": "
        + accepted.reason();
  }

  /** From now on a decision is accepted; called before anyone is told the run waits. */
  void open() {
    decision = null;
    waiting = true;
  }

  boolean decided() {
    return decision != null;
  }

  /** The decision that arrived, if any; the question is closed either way. */
  Optional<RollbackDecision> close() {
    waiting = false;
    Optional<RollbackDecision> d = Optional.ofNullable(decision);
    decision = null;
    return d;
  }
}
