package io.spacetime.runbook.ports.hosts;

import io.temporal.activity.ActivityInterface;

/**
 * Starting, stopping and reading the SpaceTime service on a host with the environment's commands
 * (placeholders resolved against the host's layout). Only listeners on the host's service address
 * (or a wildcard address) on the service's ports count.
 */
@ActivityInterface
public interface ServiceActivities {

  /**
   * Step 2: runs the stop command, then waits up to {@code timeoutSeconds} for the service to be
   * inactive and its ports to be released. Stopping a stopped service succeeds.
   */
  ServiceState stopService(HostContext host, int timeoutSeconds);

  /**
   * Step 5: records the log size, runs the start command (skipped when already active) and reports
   * the state. Readiness is probed separately over HTTP. The start command is sent at most once per
   * attempt: if the connection is lost while it runs, the attempt fails with the retryable
   * {@code CommandOutcomeUnknown}, and the retry's is-active read decides whether to start.
   */
  ServiceState startService(HostContext host);

  /** The service's current state without changing it. */
  ServiceState serviceState(HostContext host);

  /**
   * Step 10: lines containing {@code pattern} in the service log ({@code service.logFile()}, under
   * the deploy root when relative) after byte {@code fromOffset}.
   */
  LogScan scanLog(HostContext host, long fromOffset, String pattern);

  /**
   * Runs one of the environment's other commands (staging stop) with the same placeholders.
   * Configuration only, never text from a workflow input. The command must be idempotent: it is
   * sent again on a new connection if the connection is lost while it runs.
   */
  CommandEvidence runServiceCommand(HostContext host, String command, int timeoutSeconds);

  /**
   * 4.1: starts staging with {@code staging.start()} unless it already runs ({@code staging.isActive()}
   * exits 0, or without that command: something listens on the staging ports). The start is sent at
   * most once per attempt, as in {@link #startService}, so a retried attempt that finds staging
   * running does not start it again. The evidence is the start command's, or the check's when the
   * start was skipped.
   */
  CommandEvidence startStaging(HostContext host, StagingSettings staging, int timeoutSeconds);

  /**
   * Step 8 and Step 5's "PID is stable": the API port's process's CPU use over {@code sampleMillis}
   * and its resident memory, and whether the same process answered at both ends of the sample.
   */
  ServiceUsage measureUsage(HostContext host, int sampleMillis);
}
