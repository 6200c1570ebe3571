package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.document.RunbookWorkflow;
import io.spacetime.runbook.document.StepApproval;
import io.spacetime.runbook.document.StepNote;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * A document whose one step waits for the approve update: approved it SUCCEEDS, rejected it is
 * ROLLED_BACK; the real interpreter is RunbookWorkflowTest's, this one answers the intake's routes.
 */
public final class StubRunbookWorkflow implements RunbookWorkflow {

  private final RunbookRequest request;
  private StepApproval decision;

  @WorkflowInit
  public StubRunbookWorkflow(RunbookRequest request) {
    this.request = request;
  }

  @Override
  public RunbookResult run(RunbookRequest request) {
    Workflow.await(() -> decision != null);
    boolean approved = decision.decision().equals(StepApproval.APPROVE);
    String message = (approved ? "approved by " : "rejected by ") + decision.approver() + ": " + decision.reason();
    return new RunbookResult(approved ? Outcome.SUCCEEDED : Outcome.ROLLED_BACK, request.runbook(), request.environment(),
        "0".repeat(64), message, "# Runbook " + request.runbook() + "\n\n" + message + "\n", List.of());
  }

  @Override
  public Progress progress() {
    return new Progress(request.runbook(), request.environment(), decision == null ? "Approve" : "", decision == null
        ? "approve" : "", null, List.of());
  }

  @Override
  public String report() {
    return "# Runbook " + request.runbook() + " (running)\n";
  }

  @Override
  public String approve(StepApproval approval) {
    decision = approval;
    return approval.decision() + " by " + approval.approver();
  }

  @Override
  public void validateApprove(StepApproval approval) {
    approval.validate();
    if (decision != null) {
      throw new IllegalStateException("the approve step was already answered");
    }
  }

  @Override
  public String note(StepNote note) {
    return "noted";
  }

  @Override
  public void validateNote(StepNote note) {
    throw new IllegalStateException("this document has no note step");
  }
}
