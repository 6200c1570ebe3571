package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.Map;

/**
 * A deployment that waits, like an emergency one outside the window, until it is approved
 * (SUCCEEDED) or aborted (ABORTED): the intake's tests control when it closes. Only an emergency
 * deployment takes an approval, as the real one.
 */
public final class StubDeploymentWorkflow implements DeploymentWorkflow {

  private final DeploymentRequest request;
  private String approvedBy = "";
  private String abortedFor = "";

  @WorkflowInit
  public StubDeploymentWorkflow(DeploymentRequest request) {
    this.request = request;
  }

  @Override
  public DeploymentResult deploy(DeploymentRequest request) {
    Workflow.await(() -> !approvedBy.isEmpty() || !abortedFor.isEmpty());
    Outcome outcome = approvedBy.isEmpty() ? Outcome.ABORTED : Outcome.SUCCEEDED;
    String message = approvedBy.isEmpty() ? "aborted: " + abortedFor : "deployed " + request.version();
    return new DeploymentResult(outcome, request.environment(), request.version(), Map.of(), "", "", message,
        List.of(), List.of(), "# Deployment of " + request.version() + "\n\n" + outcome + ": " + message + "\n");
  }

  @Override
  public Progress progress() {
    return new Progress("deployment", request.environment(), "Pre-deployment checklist",
        approvedBy.isEmpty() ? "the emergency approval" : "", null, List.of());
  }

  @Override
  public String report() {
    return "# Deployment of " + request.version() + " (running)\n";
  }

  @Override
  public String approveEmergency(EmergencyApproval approval) {
    approvedBy = approval.approver();
    return "approved by " + approval.approver() + ": " + approval.reason();
  }

  @Override
  public String decideRollback(io.spacetime.runbook.deployment.RollbackDecision decision) {
    // A "keep" lets the stub's run succeed, as a kept release does after its window.
    approvedBy = decision.approver();
    return decision.decision() + " by " + decision.approver() + ": " + decision.reason();
  }

  @Override
  public String continueRollout(io.spacetime.runbook.deployment.RolloutApproval approval) {
    // A "continue" lets the stub's run succeed, as a rollout does after its last batch.
    approvedBy = approval.approver();
    return approval.decision() + " by " + approval.approver() + ": " + approval.reason();
  }

  @Override
  public void validateContinueRollout(io.spacetime.runbook.deployment.RolloutApproval approval) {
    approval.validate();
    if (request.emergency()) {
      throw new IllegalStateException("this deployment waits for its emergency approval, not a rollout approval");
    }
  }

  @Override
  public void validateDecideRollback(io.spacetime.runbook.deployment.RollbackDecision decision) {
    decision.validate();
    if (request.emergency()) {
      throw new IllegalStateException("this deployment waits for its emergency approval, not a rollback decision");
    }
  }

  @Override
  public void validateApproveEmergency(EmergencyApproval approval) {
    approval.validate();
    if (!request.emergency()) {
      throw new IllegalStateException("this deployment is inside the window and waits for no approval");
    }
  }

  @Override
  public void abort(AbortReason reason) {
    abortedFor = reason.text();
  }
}
