package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The Rollback Points of one host a rollout deployed, undone in reverse as the deployment's own
 * rollback would undo them (load balancer out, new service stopped, config and link restored,
 * the previous release started and verified healthy, back in the load balancer): a child of the
 * deployment, started when the rollout stops past its failure threshold, the watch window rolls
 * back, or the run is aborted.
 */
@WorkflowInterface
public interface HostRollbackWorkflow {

  String TYPE = "HostRollbackWorkflow";

  /** @return the host's undo steps; {@code ROLLED_BACK} or {@code ROLLBACK_FAILED} */
  @WorkflowMethod(name = TYPE)
  HostDeploymentResult rollBackHost(HostOrder order, HostRelease release);

  @QueryMethod(name = "progress", description = "Current undo on the host, and every undo so far with its evidence.")
  Progress progress();
}
