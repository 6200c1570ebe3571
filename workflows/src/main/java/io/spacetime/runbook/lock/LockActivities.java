package io.spacetime.runbook.lock;

import io.temporal.activity.ActivityInterface;

/**
 * At most one changing run (deployment or rollback) per environment. Backed by a lock workflow
 * whose id is derived from the environment name, so the server's workflow-id uniqueness makes
 * acquisition atomic, whichever client (CLI, Web UI, webhook) started the run.
 */
@ActivityInterface
public interface LockActivities {

  /**
   * Takes the lock for {@code holderWorkflowId}, or reports who holds it (with the holder's workflow
   * type). Re-acquiring one's own lock succeeds; a lock whose holder has closed is free.
   */
  LockGrant acquire(String environment, String holderWorkflowId, String holderDescription);

  /**
   * Releases the lock if {@code holderWorkflowId} holds it, and returns once the lock has ended, so
   * a run started right after finds the environment free; otherwise does nothing.
   */
  void release(String environment, String holderWorkflowId);

  /**
   * Asks a running run to stop and roll back what it changed (its {@code abort} signal, with
   * {@code reason}); false when it is no longer running. What an Emergency Rollback does to a
   * deployment that holds the environment.
   */
  boolean askToStop(String workflowId, String reason);

  /** True while the workflow with this id has an open run (the lock's liveness check). */
  boolean isRunning(String workflowId);
}
