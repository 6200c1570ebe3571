package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.InvalidInputException;
import java.util.Optional;

/**
 * The state behind an update that answers a question the run asks a person (the watch window's
 * "consider rollback", the rollout's approval pause): an answer is accepted only while the run
 * waits for one, and only when it is complete. The validator rejects anything else before it is
 * written to history. Public for the runbook documents' {@code approve} steps.
 */
public final class AwaitedDecision<T extends OperatorDecision> {

  static final String NOT_WAITING_FOR_ROLLBACK = "this deployment is not waiting for a rollback decision"
      + " (only the watch window after Step 10 asks for one, when a sample reaches \"Consider Rollback\")";
  static final String NOT_WAITING_FOR_ROLLOUT = "this deployment is not waiting for an approval to go on"
      + " (only a rollout with \"pause\": \"approval\" asks for one, between two batches)";

  private final String notWaiting;
  private final String shape;
  private final String goOn;
  private boolean waiting;
  private T decision;

  /**
   * @param notWaiting the refusal while the run does not wait for this answer
   * @param shape the refusal of an empty answer, with the JSON shape it needs
   * @param goOn how the decision that does not roll back reads ("keep the release")
   */
  public AwaitedDecision(String notWaiting, String shape, String goOn) {
    this.notWaiting = notWaiting;
    this.shape = shape;
    this.goOn = goOn;
  }

  /** The watch window's question. */
  static AwaitedDecision<RollbackDecision> rollback() {
    return new AwaitedDecision<>(NOT_WAITING_FOR_ROLLBACK,
        "rollback decision is invalid: {\"decision\": \"rollback\" or \"keep\", \"approver\": ..., \"reason\": ...}"
            + " is required", "keep the release");
  }

  /** The rollout's approval pause. */
  static AwaitedDecision<RolloutApproval> rollout() {
    return new AwaitedDecision<>(NOT_WAITING_FOR_ROLLOUT,
        "rollout approval is invalid: {\"decision\": \"continue\" or \"rollback\", \"approver\": ..., \"reason\": ...}"
            + " is required", "continue the rollout");
  }

  public void validate(T candidate) {
    if (candidate == null) {
      throw new InvalidInputException(shape);
    }
    candidate.validate();
    if (!waiting) {
      throw new IllegalStateException(notWaiting);
    }
  }

  public String accept(T accepted) {
    decision = accepted;
    waiting = false;
    return (accepted.rollsBack() ? "rollback" : goOn) + " decided by " + accepted.approver() + ": " + accepted.reason();
  }

  /** From now on a decision is accepted; called before anyone is told the run waits. */
  public void open() {
    decision = null;
    waiting = true;
  }

  public boolean decided() {
    return decision != null;
  }

  /** The decision that arrived, if any; the question is closed either way. */
  public Optional<T> close() {
    waiting = false;
    Optional<T> d = Optional.ofNullable(decision);
    decision = null;
    return d;
  }
}
