package io.spacetime.runbook.lock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Holds an environment's change lock for one run. Its workflow id is
 * {@link #workflowIdFor(String) runbook-lock-<environment>}: while it runs, starting another one
 * fails, which is what makes acquisition atomic. It ends when the holder releases it or is no
 * longer running (a terminated holder cannot leave the environment locked forever).
 */
@WorkflowInterface
public interface EnvironmentLockWorkflow {

  String TYPE = "EnvironmentLockWorkflow";

  static String workflowIdFor(String environment) {
    return "runbook-lock-" + environment;
  }

  @WorkflowMethod(name = TYPE)
  void hold(String environment, String holderWorkflowId, String holderDescription);

  @SignalMethod(name = "release", description = "Release the lock; argument: the holder's workflow id.")
  void release(String holderWorkflowId);

  @QueryMethod(name = "holder", description = "Workflow id of the run holding the lock.")
  String holder();
}
