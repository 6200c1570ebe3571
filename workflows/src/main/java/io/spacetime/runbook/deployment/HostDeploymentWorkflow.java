package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deployment Steps 2-9 on one host of a rollout, as a child of its deployment: the hosts of one
 * batch run side by side, and each host's steps and evidence stay in its own history, so a large
 * fleet keeps the deployment's history small. A host that fails is rolled back by its own run
 * before it returns; a host that passed is undone later, if the deployment rolls back, by a
 * {@link HostRollbackWorkflow}.
 */
@WorkflowInterface
public interface HostDeploymentWorkflow {

  String TYPE = "HostDeploymentWorkflow";

  @WorkflowMethod(name = TYPE)
  HostDeploymentResult deployHost(HostOrder order);

  @QueryMethod(name = "progress", description = "Current step on the host, and every step so far with its evidence.")
  Progress progress();

  @QueryMethod(name = "report", description = "The host's steps as Markdown, with their gates and evidence.")
  String report();

  /** Sent by the deployment when it is aborted or cancelled: stop, undo this host, and return. */
  @SignalMethod(name = "abort", description = "Stop deploying this host and roll it back (its deployment sends it when"
      + " aborted). Argument: the reason, as a JSON string or {\"reason\":...}.")
  void abort(AbortReason reason);
}
