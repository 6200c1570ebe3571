package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.incident.IncidentOpening;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/**
 * Opens or joins an incident from a runbook document's run, exactly as the intake does: one
 * signal-with-start under the incident's key, so a report while the incident is open joins it.
 */
public final class IncidentOpeningImpl implements IncidentOpening {

  private final WorkflowClient client;
  private final String taskQueue;

  public IncidentOpeningImpl(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  @Override
  public String openOrJoinIncident(IncidentRequest request, AlertOccurrence occurrence) {
    try {
      request.validate();
      occurrence.validate();
    } catch (InvalidInputException e) {
      throw AdapterFailures.invalidInput(e);
    }
    String key = IncidentKey.of(request);
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
        .set(RunbookSearchAttributes.RUNBOOK_TYPE, IncidentWorkflow.TYPE)
        .set(RunbookSearchAttributes.ENVIRONMENT, request.environment())
        .set(RunbookSearchAttributes.INCIDENT_TYPE, request.type());
    if (!request.severity().isEmpty()) {
      attributes.set(RunbookSearchAttributes.SEVERITY, request.severity());
    }
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(key)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(attributes.build())
        .setStaticSummary("Incident " + request.type() + " on " + request.environment())
        .build());
    BatchRequest signalWithStart = client.newSignalWithStartRequest();
    signalWithStart.add(incident::respond, request, null);
    signalWithStart.add(incident::alert, occurrence);
    client.signalWithStart(signalWithStart);
    return key;
  }
}
