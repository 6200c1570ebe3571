package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.GateFailure;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.environment.LoadEnvironment;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;

/**
 * One host's Steps 2-9 ({@link HostDeployment}, the same class a one-by-one deployment runs in its
 * own history). On a failed gate, a failed activity or the deployment's {@code abort}, every change
 * on the host is undone here, in reverse, before the result goes back: the deployment counts the
 * host as failed and decides about the rest of the fleet.
 */
public final class HostDeploymentWorkflowImpl implements HostDeploymentWorkflow {

  private final Procedure procedure;
  private final ActivityStubs stubs;
  private CancellationScope run;
  private String abortReason = "";

  @WorkflowInit
  public HostDeploymentWorkflowImpl(HostOrder order) {
    procedure = new Procedure(DeploymentWorkflowImpl.RUNBOOK, order == null ? "" : order.env().name());
    stubs = ActivityStubs.forStepsOf(procedure);
  }

  @Override
  public HostDeploymentResult deployHost(HostOrder order) {
    LoadEnvironment.useSettingsOf(order.env(), procedure, stubs);
    HostDeployment host = new HostDeployment(new Deployment(order, procedure, stubs), order.host());
    DeployedHost[] deployed = new DeployedHost[1];
    run = Workflow.newCancellationScope(() -> {
      deployed[0] = host.run();
    });
    if (!abortReason.isEmpty()) {
      run.cancel(abortReason);
    }
    String title = "Deployment of " + order.request().version() + " to " + order.host().name() + " (" + order.batch() + ")";
    try {
      run.run();
      procedure.finish(Outcome.SUCCEEDED, title, "Steps 2-9 passed on " + order.host().name());
      return new HostDeploymentResult(order.host().name(), HostDeploymentResult.Status.DEPLOYED, host.release(),
          deployed[0].logOffset(), "", "", procedure.handedOver());
    } catch (GateFailure | ActivityFailure | CanceledFailure stopped) {
      String cancel = run.isCancelRequested() ? "the deployment stopped: " + abortReason : null;
      String stoppedAt = procedure.stoppedAt(stopped, cancel).describe();
      boolean undone = !procedure.changedAnything() || procedure.rollBack();
      Outcome outcome = undone ? Outcome.ROLLED_BACK : Outcome.ROLLBACK_FAILED;
      procedure.finish(outcome, title, stoppedAt + (undone ? "; every change on the host was undone"
          : "; ROLLBACK FAILED: " + procedure.failedUndos()));
      return new HostDeploymentResult(order.host().name(),
          undone ? HostDeploymentResult.Status.ROLLED_BACK : HostDeploymentResult.Status.ROLLBACK_FAILED,
          host.release(), 0, stoppedAt, undone ? "" : procedure.failedUndos(), procedure.handedOver());
    }
  }

  @Override
  public Progress progress() {
    return procedure.progress();
  }

  @Override
  public String report() {
    return procedure.report();
  }

  @Override
  public void abort(AbortReason reason) {
    abortReason = AbortReason.given(reason);
    if (run != null) {
      run.cancel(abortReason);
    }
  }
}
