package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.ports.incident.IncidentIndexActivities;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.List;

/**
 * {@link IncidentIndexActivities} as signal-with-start on the one {@link IncidentIndexWorkflow}
 * ({@value IncidentIndexWorkflow#WORKFLOW_ID}): the index is created the first time an incident is
 * reported and joined afterwards. A signal replaces or removes one line, so a retried call is harmless.
 */
public final class IncidentIndexActivitiesImpl implements IncidentIndexActivities {

  private final WorkflowClient client;
  private final String taskQueue;

  public IncidentIndexActivitiesImpl(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  @Override
  public void upsertIncident(IncidentSummary summary) {
    IncidentIndexWorkflow index = stub();
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(index::keep, List.<IncidentSummary>of());
    request.add(index::upsert, summary);
    client.signalWithStart(request);
  }

  @Override
  public void removeIncident(String key) {
    IncidentIndexWorkflow index = stub();
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(index::keep, List.<IncidentSummary>of());
    request.add(index::remove, key);
    client.signalWithStart(request);
  }

  private IncidentIndexWorkflow stub() {
    return client.newWorkflowStub(IncidentIndexWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentIndexWorkflow.WORKFLOW_ID)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setStaticSummary("The open incidents, for incident list where the server has no visibility")
        .build());
  }
}
