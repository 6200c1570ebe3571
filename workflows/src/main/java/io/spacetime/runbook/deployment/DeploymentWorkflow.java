package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * RUNBOOK_DEPLOYMENT.md as a durable workflow: the pre-deployment checklist, pre-deployment
 * tests and Deployment Steps 1-10, each gate with the runbook's thresholds, the watch window of
 * Post-Deployment Validation, and every Rollback Point undone automatically when a later gate (or
 * the watch window) fails or the run is cancelled.
 */
@WorkflowInterface
public interface DeploymentWorkflow {

  String TYPE = "DeploymentWorkflow";

  @WorkflowMethod(name = TYPE)
  DeploymentResult deploy(DeploymentRequest request);

  @QueryMethod(name = "progress", description = "Current step, what the run waits for, and every step so far with its evidence.")
  Progress progress();

  @QueryMethod(name = "report", description = "The whole run as Markdown: every step with its gates and evidence.")
  String report();

  @UpdateMethod(name = "approveEmergency",
      description = "Approve this deployment outside the deployment window: {\"approver\":\"name\",\"reason\":\"why\"}. Returns the approval as recorded.")
  String approveEmergency(EmergencyApproval approval);

  @UpdateValidatorMethod(updateName = "approveEmergency")
  void validateApproveEmergency(EmergencyApproval approval);

  @UpdateMethod(name = "decideRollback",
      description = "Answer the watch window's \"consider rollback\": {\"decision\":\"rollback\" or \"keep\","
          + "\"approver\":\"name\",\"reason\":\"why\"}. Accepted only while the run waits for one; returns the"
          + " decision as recorded.")
  String decideRollback(RollbackDecision decision);

  @UpdateValidatorMethod(updateName = "decideRollback")
  void validateDecideRollback(RollbackDecision decision);

  @UpdateMethod(name = "continueRollout",
      description = "Answer a rollout's approval pause between two batches: {\"decision\":\"continue\" or \"rollback\","
          + "\"approver\":\"name\",\"reason\":\"why\"}. Accepted only while the run waits for one; returns the"
          + " decision as recorded.")
  String continueRollout(RolloutApproval approval);

  @UpdateValidatorMethod(updateName = "continueRollout")
  void validateContinueRollout(RolloutApproval approval);

  @SignalMethod(name = "abort",
      description = "Stop the deployment and roll back what it changed. Argument: the reason, as a JSON string"
          + " (\"wrong release\") or {\"reason\":\"wrong release\"}.")
  void abort(AbortReason reason);
}
