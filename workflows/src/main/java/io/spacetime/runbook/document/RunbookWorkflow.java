package io.spacetime.runbook.document;

import io.spacetime.runbook.core.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Any runbook document ({@code runbooks/<name>.yaml}), interpreted step by step through the same
 * procedure as the Java runbooks: evidence, gates, undo in reverse, outcome and report.
 */
@WorkflowInterface
public interface RunbookWorkflow {

  String TYPE = "RunbookWorkflow";

  @WorkflowMethod(name = TYPE)
  RunbookResult run(RunbookRequest request);

  @QueryMethod(name = "progress", description = "Current step and every step so far with its evidence.")
  Progress progress();

  @QueryMethod(name = "report", description = "The whole run as Markdown: every step with its gates and evidence.")
  String report();

  @UpdateMethod(name = "approve", description = "Answer the document's approve step the run waits on:"
      + " {\"decision\":\"approve\" or \"reject\",\"approver\":\"name\",\"reason\":\"why\"}. Returns the decision as recorded.")
  String approve(StepApproval approval);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(StepApproval approval);

  @UpdateMethod(name = "note", description = "Answer the document's note step the run waits on (handoff notes read"
      + " and written): {\"author\":\"name\",\"text\":\"the note\"}. Returns the note as recorded.")
  String note(StepNote note);

  @UpdateValidatorMethod(updateName = "note")
  void validateNote(StepNote note);
}
