package io.spacetime.runbook.core;

/**
 * A gate's verdict with its reason in words an operator can act on:
 * "disk free 12.3 GB < 20 GB required under /opt/spacetime on api-1".
 */
public record GateResult(String gate, boolean passed, String reason) {

  public static GateResult pass(String gate, String reason) {
    return new GateResult(gate, true, reason);
  }

  public static GateResult fail(String gate, String reason) {
    return new GateResult(gate, false, reason);
  }

  /** Both must pass; the reason lists each. */
  public GateResult and(GateResult other) {
    return new GateResult(gate, passed && other.passed, reason + "; " + other.reason);
  }

  @Override
  public String toString() {
    return (passed ? "PASS " : "FAIL ") + gate + ": " + reason;
  }
}
