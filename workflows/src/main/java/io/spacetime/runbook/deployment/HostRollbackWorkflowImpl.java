package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.environment.LoadEnvironment;
import io.temporal.workflow.WorkflowInit;

/**
 * Undoes one host a rollout deployed: its {@link HostDeployment} registers the Rollback Points its
 * deployment registered, in the same order, and {@link Procedure#rollBack} undoes them in reverse,
 * each with the environment's patience through a short outage.
 */
public final class HostRollbackWorkflowImpl implements HostRollbackWorkflow {

  private final Procedure procedure;
  private final ActivityStubs stubs;

  @WorkflowInit
  public HostRollbackWorkflowImpl(HostOrder order, HostRelease release) {
    procedure = new Procedure(DeploymentWorkflowImpl.RUNBOOK, order == null ? "" : order.env().name());
    stubs = ActivityStubs.forStepsOf(procedure);
  }

  @Override
  public HostDeploymentResult rollBackHost(HostOrder order, HostRelease release) {
    LoadEnvironment.useSettingsOf(order.env(), procedure, stubs);
    new HostDeployment(new Deployment(order, procedure, stubs), order.host(), release).rollbackPointsOfADeployedHost();
    boolean undone = procedure.rollBack();
    String title = "Rollback of " + order.host().name() + " to " + release.previousVersion();
    procedure.finish(undone ? Outcome.ROLLED_BACK : Outcome.ROLLBACK_FAILED, title, undone
        ? order.host().name() + " serves " + release.previousVersion() + " again, healthy"
        : "ROLLBACK FAILED: " + procedure.failedUndos());
    return new HostDeploymentResult(order.host().name(),
        undone ? HostDeploymentResult.Status.ROLLED_BACK : HostDeploymentResult.Status.ROLLBACK_FAILED,
        release, 0, "", undone ? "" : procedure.failedUndos(), procedure.handedOver());
  }

  @Override
  public Progress progress() {
    return procedure.progress();
  }
}
