package io.spacetime.runbook.core;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The one place activity timeouts and retries are decided, per kind of work, so every runbook
 * workflow treats a slow host or a flaky webhook the same way.
 *
 * <p>Every kind retries at most 3 attempts (1 s, then 2 s apart) and never retries a failure a
 * retry cannot fix ({@link FailureTypes#NO_RETRY}): a missing key, an unknown environment, a missing
 * release. Cancellation waits for the activity to finish or acknowledge it
 * ({@link ActivityCancellationType#WAIT_CANCELLATION_COMPLETED}): a rollback must never race a
 * change that is still in flight on the host.
 *
 * <p>Every kind has the same {@link #HEARTBEAT heartbeat timeout}, kept alive by the worker
 * ({@code ActivityKeepAlive}) for as long as it runs the activity: a worker that dies mid-activity
 * is noticed within that timeout and the activity is retried on another worker, instead of after
 * its whole start-to-close timeout (2 minutes for a quick check, 30 for a transfer).
 */
public final class RunbookActivityOptions {

  /** How long {@code stopService} waits for the service to go down (runbook Step 2: 2 minutes in all). */
  public static final int STOP_WAIT_SECONDS = 60;

  static final Duration QUICK = Duration.ofMinutes(2);
  static final Duration TRANSFER = Duration.ofMinutes(30);
  /** How long a silent activity counts as alive: a dead worker's activity is retried after this. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** Room for SSH round trips on top of a command's own timeout. */
  static final Duration COMMAND_MARGIN = Duration.ofSeconds(30);
  /** Ramp-up, ramp-down and reporting on top of a load test's duration. */
  static final Duration LOAD_TEST_MARGIN = Duration.ofSeconds(120);
  static final Duration NOTIFICATION = Duration.ofMinutes(1);

  private static final RetryOptions RETRY = RetryOptions.newBuilder()
      .setMaximumAttempts(3)
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2.0)
      .setDoNotRetry(FailureTypes.NO_RETRY.toArray(String[]::new))
      .build();

  private RunbookActivityOptions() {}

  /** Probes, lock calls, loading the environment: 2 minutes. */
  public static ActivityOptions quick() {
    return base(QUICK).build();
  }

  /**
   * Host checks and changes over SSH: the environment's {@code ssh.commandTimeoutSeconds} plus a
   * margin, so a command stopped at its own limit reports that (with the setting to raise) before
   * the activity would time out around it. The adapter also stops every command at the activity's
   * deadline, naming both, should several commands share the time.
   */
  public static ActivityOptions onHost(int commandTimeoutSeconds) {
    return base(Duration.ofSeconds(commandTimeoutSeconds).plus(COMMAND_MARGIN)).build();
  }

  /** Backups and release copies: the environment's {@code ssh.transferTimeoutSeconds} plus the margin. */
  public static ActivityOptions transfer(int transferTimeoutSeconds) {
    return base(Duration.ofSeconds(transferTimeoutSeconds).plus(COMMAND_MARGIN)).build();
  }

  /**
   * Activities that poll until something is true or {@code waitSeconds} pass (readiness, load
   * balancer health): the wait plus 30 s.
   */
  public static ActivityOptions polling(int waitSeconds) {
    return base(Duration.ofSeconds(waitSeconds).plus(COMMAND_MARGIN)).build();
  }

  /** The 4.2 load test: its duration plus 120 s. */
  public static ActivityOptions loadTest(int durationSeconds) {
    return base(Duration.ofSeconds(durationSeconds).plus(LOAD_TEST_MARGIN)).build();
  }

  /** A configured command with its own timeout (staging start, stop and test suite): that timeout plus 30 s. */
  public static ActivityOptions command(int timeoutSeconds) {
    return base(Duration.ofSeconds(timeoutSeconds).plus(COMMAND_MARGIN)).build();
  }

  /** Notifications and the maintenance switch: 1 minute. */
  public static ActivityOptions notification() {
    return base(NOTIFICATION).build();
  }

  /**
   * PagerDuty pages: tried again for up to 5 minutes (P0's initial response target) with a backoff
   * up to 30 s, because a page lost to a short outage is an incident nobody hears of. Repeating a
   * trigger is harmless: PagerDuty deduplicates by the incident's key. A 400 is never retried.
   */
  public static ActivityOptions paging() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(PAGING_PATIENCE)
        .setHeartbeatTimeout(HEARTBEAT)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(30))
            .setDoNotRetry(FailureTypes.NO_RETRY.toArray(String[]::new))
            .build())
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  static final Duration PAGING_PATIENCE = Duration.ofMinutes(5);

  private static ActivityOptions.Builder base(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(HEARTBEAT)
        .setRetryOptions(RETRY)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
  }
}
