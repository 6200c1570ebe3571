package io.spacetime.runbook.lock;

import io.temporal.activity.ActivityInterface;

/**
 * At most one changing run (deployment or rollback) per environment. Backed by a lock workflow
 * whose id is derived from the environment name, so the server's workflow-id uniqueness makes
 * acquisition atomic, whichever client (CLI, Web UI, webhook) started the run.
 */
@ActivityInterface
public interface LockActivities {

  /** Takes the lock for {@code holderWorkflowId}, or reports who holds it. Re-acquiring one's own lock succeeds. */
  LockGrant acquire(String environment, String holderWorkflowId, String holderDescription);

  /** Releases the lock if {@code holderWorkflowId} holds it; otherwise does nothing. */
  void release(String environment, String holderWorkflowId);

  /** True while the workflow with this id has an open run (the lock's liveness check). */
  boolean isRunning(String workflowId);
}
