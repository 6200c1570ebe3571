package io.spacetime.runbook.rollback;

import io.spacetime.runbook.core.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's Emergency Rollback Procedure: stop, restore the previous (or named) release and
 * its configuration, start, verify health, notify with the reason.
 */
@WorkflowInterface
public interface RollbackWorkflow {

  String TYPE = "RollbackWorkflow";

  @WorkflowMethod(name = TYPE)
  RollbackResult rollback(RollbackRequest request);

  @QueryMethod(name = "progress", description = "Current step and every step so far with its evidence.")
  Progress progress();

  @QueryMethod(name = "report", description = "The whole run as Markdown: every step with its gates and evidence.")
  String report();
}
