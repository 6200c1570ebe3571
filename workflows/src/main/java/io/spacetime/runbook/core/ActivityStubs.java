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
  /** The environment's SSH limits, shared with the stubs made from these; defaults until it is loaded. */
  private final int[] sshSeconds;

  private ActivityStubs(Supplier<String> summary, int[] sshSeconds) {
    this.summary = summary;
    this.sshSeconds = sshSeconds;
  }

  /** Stubs summarised by the procedure's current step. */
  public static ActivityStubs forStepsOf(Procedure procedure) {
    return new ActivityStubs(procedure::currentStep, defaultSshSeconds());
  }

  /** Stubs summarised by a fixed text: rollback actions (which run between steps), helper workflows. */
  public static ActivityStubs summarised(String summary) {
    return new ActivityStubs(() -> summary, defaultSshSeconds());
  }

  /** Stubs like these (the same SSH limits) summarised by a fixed text: an undo's activities. */
  public ActivityStubs summarisedAs(String text) {
    return new ActivityStubs(() -> text, sshSeconds);
  }

  /**
   * The environment's {@code ssh.commandTimeoutSeconds} and {@code ssh.transferTimeoutSeconds}, from
   * which the timeouts of host activities are derived (for these stubs and every copy of them).
   */
  public void useSshTimeouts(int commandTimeoutSeconds, int transferTimeoutSeconds) {
    sshSeconds[0] = commandTimeoutSeconds;
    sshSeconds[1] = transferTimeoutSeconds;
  }

  public <T> T quick(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.quick());
  }

  /** Host checks and changes over SSH: timed by the environment's {@code ssh.commandTimeoutSeconds}. */
  public <T> T onHost(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.onHost(sshSeconds[0]));
  }

  /** Backups and copies over SSH: timed by the environment's {@code ssh.transferTimeoutSeconds}. */
  public <T> T transfer(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.transfer(sshSeconds[1]));
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

  public <T> T paging(Class<T> activities) {
    return stub(activities, RunbookActivityOptions.paging());
  }

  private static int[] defaultSshSeconds() {
    return new int[] {(int) RunbookActivityOptions.QUICK.minus(RunbookActivityOptions.COMMAND_MARGIN).toSeconds(),
        (int) RunbookActivityOptions.TRANSFER.minus(RunbookActivityOptions.COMMAND_MARGIN).toSeconds()};
  }

  private <T> T stub(Class<T> activities, ActivityOptions options) {
    String text = summary.get();
    return Workflow.newActivityStub(activities, text.isEmpty() ? options : options.toBuilder().setSummary(text).build());
  }
}
