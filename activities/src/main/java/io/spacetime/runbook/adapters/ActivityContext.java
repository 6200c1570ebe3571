package io.spacetime.runbook.adapters;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;

/**
 * Access to the running activity, if any. Adapters are also called directly (unit tests, the
 * sandbox), where there is no activity context: heartbeats are then skipped.
 *
 * <p>Log context needs no help from here: the Temporal worker puts {@code WorkflowId},
 * {@code ActivityType}, {@code ActivityId} and {@code Attempt} into the SLF4J MDC of the activity
 * thread, so a log pattern with {@code %X{WorkflowId} %X{ActivityType}} shows them on every line.
 */
public final class ActivityContext {

  private ActivityContext() {}

  public static Optional<ActivityExecutionContext> current() {
    try {
      return Optional.of(Activity.getExecutionContext());
    } catch (IllegalStateException notInAnActivity) {
      return Optional.empty();
    }
  }

  /**
   * Records progress with the server when running as an activity. Throws Temporal's
   * {@code ActivityCompletionException} when the activity was cancelled or timed out, which is
   * how a long poll learns it should stop.
   */
  public static void heartbeat(Object details) {
    current().ifPresent(context -> context.heartbeat(details));
  }

  /**
   * How long the running activity attempt has left before its start-to-close timeout, less
   * {@code safety}; empty outside an activity or without such a timeout. Counted from the
   * server's start time of the attempt, so worker clocks must be synchronised (NTP): skew eats
   * into the safety margin.
   */
  public static Optional<java.time.Duration> remaining(java.time.Duration safety) {
    return current().flatMap(context -> {
      java.time.Duration limit = context.getInfo().getStartToCloseTimeout();
      long started = context.getInfo().getStartedTimestamp();
      if (limit == null || limit.isZero() || started <= 0) {
        return Optional.empty();
      }
      long left = started + limit.toMillis() - safety.toMillis() - System.currentTimeMillis();
      return Optional.of(java.time.Duration.ofMillis(Math.max(1_000, left)));
    });
  }

  /** The running activity attempt's start-to-close timeout, if any. */
  public static Optional<java.time.Duration> startToClose() {
    return current().map(context -> context.getInfo().getStartToCloseTimeout()).filter(d -> d != null && !d.isZero());
  }
}
