package io.spacetime.runbook.lock;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.SummarisedWait;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Holds an environment's lock for one holder run until that run releases it or is no longer
 * running (checked every minute of workflow time), so a terminated holder cannot leave the
 * environment locked. A release from any other run is ignored.
 */
public final class EnvironmentLockWorkflowImpl implements EnvironmentLockWorkflow {

  static final Duration LIVENESS_CHECK_INTERVAL = Duration.ofMinutes(1);
  private static final Logger log = Workflow.getLogger(EnvironmentLockWorkflowImpl.class);

  private final String holder;
  private boolean released;

  /** Sets the holder before any signal is delivered: a release may arrive with the first task. */
  @WorkflowInit
  public EnvironmentLockWorkflowImpl(String environment, String holderWorkflowId, String holderDescription) {
    this.holder = holderWorkflowId == null ? "" : holderWorkflowId;
  }

  @Override
  public void hold(String environment, String holderWorkflowId, String holderDescription) {
    LockActivities locks = ActivityStubs.summarised("Is " + holder + " still running?").quick(LockActivities.class);
    while (!SummarisedWait.await(LIVENESS_CHECK_INTERVAL, "Lock held by " + holder + ": next liveness check",
        () -> released)) {
      if (!holderIsRunning(locks)) {
        log.info("lock on {} ends: its holder {} is no longer running", environment, holder);
        return;
      }
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        // A lock held for many hours would grow a long history; the next run keeps the same id, so the lock stays held.
        Workflow.continueAsNew(environment, holderWorkflowId, holderDescription);
      }
    }
    log.info("lock on {} released by {}", environment, holder);
  }

  @Override
  public void release(String holderWorkflowId) {
    if (holder.equals(holderWorkflowId)) {
      released = true;
    }
  }

  @Override
  public String holder() {
    return holder;
  }

  /** A failed check counts as running: losing a lock to a brief outage is worse than holding it a minute longer. */
  private boolean holderIsRunning(LockActivities locks) {
    try {
      return locks.isRunning(holder);
    } catch (ActivityFailure e) {
      log.warn("could not tell whether {} is running ({}); holding the lock", holder, Failures.describe(e));
      return true;
    }
  }
}
