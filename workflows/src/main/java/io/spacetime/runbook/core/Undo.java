package io.spacetime.runbook.core;

/**
 * A rollback action registered at a runbook "Rollback Point". Returns one line saying what it
 * restored; throws when it could not, which makes the run ROLLBACK_FAILED (the other undo
 * actions still run).
 */
@FunctionalInterface
public interface Undo {
  String run();
}
