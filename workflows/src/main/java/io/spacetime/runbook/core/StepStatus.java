package io.spacetime.runbook.core;

/** Where a step stands in a run's report. */
public enum StepStatus {
  RUNNING,
  WAITING,
  PASSED,
  FAILED,
  SKIPPED,
  /** A rollback action that ran and succeeded. */
  COMPENSATED,
  /** A rollback action that failed: the report says what a person must do. */
  COMPENSATION_FAILED,
  /** A change the dry run would make. */
  PLANNED
}
