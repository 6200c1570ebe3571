package io.spacetime.runbook.core;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * Activity stubs with the {@link RunbookActivityOptions} of their kind and a summary naming the
 * runbook step they serve ("1.1 Server Resources [api-1]"), which the Temporal Web UI shows on
 * each activity. A stub is made per call (cheap: a proxy), so the summary is always the step the
 * call belongs to. Workflow code only.
 */
public final class ActivityStubs {

  private final Supplier<String> summary;

  private ActivityStubs(Supplier<String> summary) {
    this.summary = summary;
  }

  /** Stubs summarised by the procedure's current step. */
  public static ActivityStubs forStepsOf(Procedure procedure) {
    return new ActivityStubs(procedure::currentStep);
  }

  /** Stubs summarised by a fixed text: rollback actions (which run between steps), helper workflows. */
  public static ActivityStubs summarised(String summary) {
    return new ActivityStubs(() -> summary);
  }

  public <T> T quick(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.quick());
  }

  public <T> T transfer(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.transfer());
  }

  public <T> T polling(Class<T> activities, int waitSeconds) {
    return stub(activities, RunbookActivityOptions.polling(waitSeconds));
  }

  public <T> T loadTest(Class<T> activities, int durationSeconds) {
    return stub(activities, RunbookActivityOptions.loadTest(durationSeconds));
  }

  public <T> T command(Class<T> activities, int timeoutSeconds) {
    return stub(activities, RunbookActivityOptions.command(timeoutSeconds));
  }

  public <T> T notification(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.notification());
  }

  private <T> T stub(Class<T> activities, ActivityOptions options) {
    String text = summary.get();
    return Workflow.newActivityStub(activities, text.isEmpty() ? options : options.toBuilder().setSummary(text).build());
  }
}
