package io.spacetime.runbook.lock;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;

/**
 * Holds an environment's change lock for one run. Its workflow id is
 * {@link #workflowIdFor(String) runbook-lock-<environment>}: while it runs, starting another one
 * fails, which is what makes acquisition atomic. It ends when the holder releases it or is no
 * longer running (a terminated holder cannot leave the environment locked forever).
 */
@WorkflowInterface
public interface EnvironmentLockWorkflow {

  String TYPE = "EnvironmentLockWorkflow";
  /** A lock outlives no run by more than this, even if nothing ever releases it. */
  Duration LOCK_TIMEOUT = Duration.ofHours(24);
  /** Memo keys: who holds the lock, readable without a worker (a describe answers them). */
  String MEMO_HOLDER = "holder";
  String MEMO_DESCRIPTION = "holderDescription";

  static String workflowIdFor(String environment) {
    return "runbook-lock-" + environment;
  }

  /**
   * How every taker starts the lock (the lock activity, and {@code ./runbook resume} before it
   * resets a run): the start fails while a lock run with this id is open, which is the lock.
   */
  static WorkflowOptions options(String environment, String taskQueue, String holder, String description) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowIdFor(environment))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setWorkflowExecutionTimeout(LOCK_TIMEOUT)
        .setMemo(Map.of(MEMO_HOLDER, holder, MEMO_DESCRIPTION, description))
        .build();
  }

  @WorkflowMethod(name = TYPE)
  void hold(String environment, String holderWorkflowId, String holderDescription);

  @SignalMethod(name = "release", description = "Release the lock; argument: the holder's workflow id.")
  void release(String holderWorkflowId);

  @QueryMethod(name = "holder", description = "Workflow id of the run holding the lock.")
  String holder();
}
