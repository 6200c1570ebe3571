package io.spacetime.runbook.core;

/**
 * How a run ended, as the CLI's exit code and the UI's Outcome search attribute show it.
 */
public enum Outcome {
  /** Every step passed. */
  SUCCEEDED(0),
  /** A check failed before anything was changed: nothing to undo. */
  ABORTED(2),
  /** A gate failed after changes; every change was undone and the previous version is healthy. */
  ROLLED_BACK(2),
  /** Undoing failed somewhere: a person must act now (page). */
  ROLLBACK_FAILED(3),
  /** Cancelled by an operator; what was done has been undone. */
  CANCELLED(2),
  /**
   * A rollout finished with some hosts failed below its failure threshold: those were rolled back
   * and serve their previous release, the rest serve the new one. The fleet is mixed: look.
   */
  PARTIALLY_DEPLOYED(4);

  private final int exitCode;

  Outcome(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The CLI's exit code: 0 success, 2 stopped safely, 3 needs a person, 4 deployed on part of the fleet. */
  public int exitCode() {
    return exitCode;
  }
}
