package io.spacetime.runbook.adapters.incident;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.ports.incident.IncidentIndexActivities;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncidentIndexActivities} as signal-with-start on the one {@link IncidentIndexWorkflow}
 * ({@value IncidentIndexWorkflow#WORKFLOW_ID}): the index is created the first time an incident is
 * reported and joined afterwards. A signal replaces or removes one line, so a retried call is harmless.
 *
 * <p>The index exists only for servers without visibility (the embedded test server), where
 * {@code incident list} cannot ask the server. Where the server has visibility the list comes from
 * it, and these calls do nothing: one workflow taking a signal from every incident on every change
 * is a hot spot (on the dev server 1,000 incidents opening at once made it answer "Workflow is
 * busy"). Whether the server has visibility is asked once per process.
 */
public final class IncidentIndexActivitiesImpl implements IncidentIndexActivities {

  private static final Logger log = LoggerFactory.getLogger(IncidentIndexActivitiesImpl.class);

  private final WorkflowClient client;
  private final String taskQueue;
  /** Null until asked; then whether the server answers visibility queries. */
  private volatile Boolean visibility;

  public IncidentIndexActivitiesImpl(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  @Override
  public void upsertIncident(IncidentSummary summary) {
    signalIndex((index, request) -> request.add(index::upsert, summary));
  }

  @Override
  public void removeIncident(String key) {
    signalIndex((index, request) -> request.add(index::remove, key));
  }

  /** Starts the index if it is not running and sends it {@code signal}; nothing where the server has visibility. */
  private void signalIndex(java.util.function.BiConsumer<IncidentIndexWorkflow, BatchRequest> signal) {
    if (serverHasVisibility()) {
      return;
    }
    IncidentIndexWorkflow index = stub();
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(index::keep, List.<IncidentSummary>of());
    signal.accept(index, request);
    client.signalWithStart(request);
  }

  /** The answer the CLI's {@code incident list} acts on: UNIMPLEMENTED means no visibility. */
  public boolean serverHasVisibility() {
    Boolean known = visibility;
    if (known != null) {
      return known;
    }
    try {
      client.getWorkflowServiceStubs().blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
          .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace()).setPageSize(1)
              .setQuery("WorkflowType = 'IncidentWorkflow'").build());
      known = true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e; // an outage, not an answer: the activity is retried and asks again
      }
      known = false;
    }
    log.info("the server {} visibility: the open-incident index workflow is {}", known ? "has" : "has no",
        known ? "not kept" : "kept for incident list");
    visibility = known;
    return known;
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
