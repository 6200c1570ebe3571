package io.spacetime.runbook.core;

import java.util.List;

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

  /**
   * Every part must pass. Passed, the reason lists every part; failed, only the failing parts, so
   * the reason an operator reads first is the one that stopped the run.
   */
  public static GateResult allOf(String gate, List<GateResult> parts) {
    List<GateResult> failing = parts.stream().filter(p -> !p.passed()).toList();
    List<GateResult> shown = failing.isEmpty() ? parts : failing;
    return new GateResult(gate, failing.isEmpty(), String.join("; ", shown.stream().map(GateResult::reason).toList()));
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
