package io.spacetime.runbook.core;

/**
 * Thrown inside workflow code when a gate fails, to leave the runbook's sequence and unwind.
 * It never leaves the workflow: the workflow turns it into an outcome.
 */
public final class GateFailure extends RuntimeException {

  private final String stepLabel;
  private final GateResult gate;

  public GateFailure(String stepLabel, GateResult gate) {
    super(stepLabel + ": " + gate.reason(), null, false, false);
    this.stepLabel = stepLabel;
    this.gate = gate;
  }

  public String stepLabel() {
    return stepLabel;
  }

  public GateResult gate() {
    return gate;
  }
}
