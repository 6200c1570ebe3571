package io.spacetime.runbook.core;

/**
 * A rollback action registered at a runbook "Rollback Point". Returns one line saying what it
 * restored; throws when it could not, which makes the run ROLLBACK_FAILED (the other undo
 * actions still run).
 */
@FunctionalInterface
public interface Undo {
  String run();

  /**
   * The end of an undo action that checks its own result: the gate's reason when it passed;
   * otherwise it throws, which marks this rollback action as failed.
   */
  static String require(String description, GateResult gate) {
    if (!gate.passed()) {
      throw new GateFailure("Rollback: " + description, gate);
    }
    return gate.reason();
  }

  /** As {@link #require(String, GateResult)} for several gates: every one must pass. */
  static String requireAll(String description, java.util.List<GateResult> gates) {
    return require(description, GateResult.allOf(gates.isEmpty() ? "undo" : gates.get(0).gate(), gates));
  }
}
