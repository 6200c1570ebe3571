package io.spacetime.runbook.incident;

import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The list of open incidents where the server cannot answer a visibility query (the embedded test
 * server has no visibility API): one long-running workflow per namespace and task queue, id
 * {@value #WORKFLOW_ID}, told by each incident when it opens, changes and closes. On a real server
 * {@code incident list} asks visibility ({@code WorkflowType='IncidentWorkflow' AND
 * ExecutionStatus='Running'}) and this index is only a fallback.
 */
@WorkflowInterface
public interface IncidentIndexWorkflow {

  String TYPE = "IncidentIndexWorkflow";
  String WORKFLOW_ID = "incident-index";

  @WorkflowMethod(name = TYPE)
  void keep(List<IncidentSummary> carried);

  /** An incident opened or changed (severity, status): its line is replaced. */
  @SignalMethod(name = "upsert")
  void upsert(IncidentSummary summary);

  /** An incident's run ended: its line is removed. */
  @SignalMethod(name = "remove")
  void remove(String key);

  @QueryMethod(name = "open", description = "The open incidents, newest first.")
  List<IncidentSummary> open();
}
