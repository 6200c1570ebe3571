package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.core.Outcome;

/**
 * The CLI's exit codes, for release automation: 0 SUCCEEDED, 2 ROLLED_BACK / ABORTED / CANCELLED
 * (stopped safely), 3 ROLLBACK_FAILED (page someone), 1 bad usage or an error reaching Temporal.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int ERROR = 1;
  /** An incident command whose update the incident refused (nothing pending by that id, already resolved). */
  public static final int UPDATE_REJECTED = 2;

  private ExitCodes() {}

  public static int of(Outcome outcome) {
    return outcome.exitCode();
  }
}
