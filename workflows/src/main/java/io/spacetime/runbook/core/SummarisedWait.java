package io.spacetime.runbook.core;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * {@code Workflow.await(timeout, condition)} with a timer the Web UI labels ("Deployment Window:
 * waiting for an emergency approval"). Same commands as the SDK's own: a timer started, and
 * cancelled when the condition comes first.
 */
public final class SummarisedWait {

  private SummarisedWait() {}

  /** @return true when {@code condition} became true before {@code timeout} */
  public static boolean await(Duration timeout, String summary, Functions.Func<Boolean> condition) {
    Promise<Void>[] timer = new Promise[1];
    CancellationScope scope = Workflow.newCancellationScope(
        () -> timer[0] = Workflow.newTimer(timeout, TimerOptions.newBuilder().setSummary(summary).build()));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || condition.apply());
    boolean met = condition.apply();
    if (!timer[0].isCompleted()) {
      scope.cancel();
    }
    return met;
  }
}
