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
}
