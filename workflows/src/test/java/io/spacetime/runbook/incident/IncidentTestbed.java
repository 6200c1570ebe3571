package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A time-skipping test server with the incident workflows wired as the production worker (the input
 * guard, the search attributes) and {@link FakeIncidentWorld} as every activity. The Emergency
 * Rollback an incident starts as a child is a stand-in workflow that records its request.
 */
final class IncidentTestbed implements AfterEachCallback {

  static final String TASK_QUEUE = "runbooks";
  static final Instant START = Instant.parse("2025-12-02T10:00:00Z");
  static final List<RollbackRequest> ROLLBACKS = new CopyOnWriteArrayList<>();

  final FakeIncidentWorld world;
  private TestWorkflowEnvironment env;

  IncidentTestbed(FakeIncidentWorld world) {
    this.world = world;
  }

  /** The rollback the incident starts, as a stand-in: it records the request and succeeds. */
  public static final class RecordedRollback implements RollbackWorkflow {
    @Override
    public RollbackResult rollback(RollbackRequest request) {
      ROLLBACKS.add(request);
      return new RollbackResult(Outcome.SUCCEEDED, request.environment(), Map.of("api-1", "v2.5.0"),
          Map.of("api-1", "v2.4.0"), "rolled back", List.of(), "");
    }

    @Override
    public io.spacetime.runbook.core.Progress progress() {
      return null;
    }

    @Override
    public String report() {
      return "";
    }
  }

  TestWorkflowEnvironment env() {
    if (env == null) {
      ROLLBACKS.clear();
      env = TestWorkflowEnvironment.newInstance(RunbookTestbed.environmentOptions(RunbookTestbed.plainConverter())
          .setInitialTime(START).build());
      Worker worker = env.newWorker(TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class, IncidentIndexWorkflowImpl.class,
          RecordedRollback.class);
      worker.registerActivitiesImplementations(world);
      env.start();
    }
    return env;
  }

  WorkflowClient client() {
    return env().getWorkflowClient();
  }

  /** Opens an incident as the intake does: signal-with-start on its key, joining an open one. */
  IncidentWorkflow open(IncidentRequest request, AlertOccurrence report) {
    IncidentWorkflow run = client().newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentKey.of(request))
        .setTaskQueue(TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    io.temporal.client.BatchRequest batch = client().newSignalWithStartRequest();
    batch.add(run::respond, request, null);
    batch.add(run::alert, report);
    client().signalWithStart(batch);
    return client().newWorkflowStub(IncidentWorkflow.class, IncidentKey.of(request));
  }

  /** Starts an incident as a person does from the Web UI: the workflow's input alone. */
  IncidentWorkflow start(IncidentRequest request) {
    IncidentWorkflow run = client().newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentKey.of(request)).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(run::respond, request, null);
    return client().newWorkflowStub(IncidentWorkflow.class, IncidentKey.of(request));
  }

  void sleep(Duration d) {
    env().sleep(d);
  }

  long now() {
    return env().currentTimeMillis();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (env != null) {
      env.close();
      env = null;
    }
  }
}
