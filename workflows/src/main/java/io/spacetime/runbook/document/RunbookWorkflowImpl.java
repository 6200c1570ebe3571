package io.spacetime.runbook.document;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.WorkflowInput;
import io.spacetime.runbook.deployment.AwaitedDecision;
import io.temporal.workflow.WorkflowInit;

/**
 * The generic interpreter of runbook documents (the DSL pattern of temporalio/samples-java): the
 * request checked, the document loaded and recorded by an activity, then {@link DocumentRun}.
 */
public final class RunbookWorkflowImpl implements RunbookWorkflow {

  static final String NOT_WAITING = "this run is not waiting for an approval (only a document's approve step asks"
      + " for one, while it runs)";

  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final AwaitedDecision<StepApproval> approvals = new AwaitedDecision<>(NOT_WAITING,
      "approval is invalid: {\"decision\": \"approve\" or \"reject\", \"approver\": ..., \"reason\": ...} is required",
      "approve");
  static final String NOT_WAITING_FOR_NOTE = "this run is not waiting for a note (only a document's note step asks for"
      + " one, while it runs)";
  private final AwaitedDecision<StepNote> notes = new AwaitedDecision<>(NOT_WAITING_FOR_NOTE,
      "note is invalid: {\"author\": ..., \"text\": ...} is required", "note");

  /** Builds the procedure before any handler runs, so a progress query always has an answer. */
  @WorkflowInit
  public RunbookWorkflowImpl(RunbookRequest request) {
    procedure = new Procedure(request == null || request.runbook() == null ? "runbook document"
        : "runbooks/" + request.runbook() + ".yaml", request == null ? "" : request.environment());
    stubs = ActivityStubs.forStepsOf(procedure);
  }

  @Override
  public RunbookResult run(RunbookRequest request) {
    WorkflowInput.require(request, "runbook request",
        "{\"runbook\": \"daily-health-check\", \"environment\": \"production\", \"parameters\": {}}");
    return new DocumentRun(request, procedure, stubs, approvals, notes).run();
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
  public void validateApprove(StepApproval approval) {
    approvals.validate(approval);
  }

  @Override
  public String approve(StepApproval approval) {
    return approvals.accept(approval);
  }

  @Override
  public void validateNote(StepNote note) {
    notes.validate(note);
  }

  @Override
  public String note(StepNote note) {
    notes.accept(note);
    return "note recorded from " + note.author() + ": " + note.text();
  }
}
