package io.spacetime.runbook.deployment;

/** A person's answer to a question the run asks: roll back, or go on; who decided and why. */
public interface OperatorDecision {

  /** Throws {@link io.spacetime.runbook.core.InvalidInputException} naming every problem. */
  void validate();

  boolean rollsBack();

  String approver();

  String reason();
}
