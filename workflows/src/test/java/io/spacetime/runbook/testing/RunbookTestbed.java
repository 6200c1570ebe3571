package io.spacetime.runbook.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.DeploymentWorkflowImpl;
import io.spacetime.runbook.lock.EnvironmentLockWorkflow;
import io.spacetime.runbook.lock.EnvironmentLockWorkflowImpl;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.rollback.RollbackWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process Temporal test server (time skipping, the runbook search attributes registered)
 * with the runbook workflows, wired as the production worker ({@link #environmentOptions}), and
 * {@link FakeEnvironmentHosts} as every activity. Started on first
 * use, so a test sets up its hosts first; closed after each test.
 *
 * <pre>{@code
 * final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
 * @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);
 * }</pre>
 */
public final class RunbookTestbed implements AfterEachCallback {

  /** Tuesday 10:30 UTC: inside the runbook's standard deployment window. */
  public static final Instant TUESDAY_MORNING = Instant.parse("2025-12-02T10:30:00Z");
  public static final String TASK_QUEUE = "runbooks";
  public static final String DEPLOYMENT_ID = "deploy-sandbox-v2.5.0-test";
  public static final String ROLLBACK_ID = "rollback-sandbox-test";

  /**
   * Activities send heartbeats at once instead of batching them for 30 s, so a paused fake
   * activity learns of a cancel request as quickly as a real heartbeating one would.
   */
  private static final WorkerOptions WORKER = WorkerOptions.newBuilder()
      .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(10))
      .setMaxHeartbeatThrottleInterval(Duration.ofMillis(10))
      .build();

  private final FakeEnvironmentHosts hosts;
  private Instant startTime = TUESDAY_MORNING;
  private TestWorkflowEnvironment testEnv;

  public RunbookTestbed(FakeEnvironmentHosts hosts) {
    this.hosts = hosts;
  }

  /** Workflow time when the test server starts (call before the first run). */
  public RunbookTestbed startingAt(Instant time) {
    this.startTime = time;
    return this;
  }

  public DeploymentWorkflow startDeployment(DeploymentRequest request) {
    DeploymentWorkflow run = client().newWorkflowStub(DeploymentWorkflow.class, options(DEPLOYMENT_ID));
    WorkflowClient.start(run::deploy, request);
    return run;
  }

  /**
   * Starts {@code workflowType} with {@code json} as its one input payload, as the Web UI's Start
   * Workflow form and {@code temporal workflow start --input} send it.
   */
  public WorkflowStub startWithJson(String workflowType, String workflowId, String json) {
    WorkflowStub run = client().newUntypedWorkflowStub(workflowType, options(workflowId));
    run.start(json(json));
    return run;
  }

  /** {@code json} as a payload argument: the converter writes a tree as exactly that JSON. */
  public static JsonNode json(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  public DeploymentResult deploy(DeploymentRequest request) {
    return resultOf(startDeployment(request));
  }

  public DeploymentResult resultOf(DeploymentWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(DeploymentResult.class);
  }

  public RollbackResult rollback(RollbackRequest request) {
    RollbackWorkflow run = client().newWorkflowStub(RollbackWorkflow.class, options(ROLLBACK_ID));
    return run.rollback(request);
  }

  /** Every step of the deployment {@link #DEPLOYMENT_ID} with its gates and evidence (its progress query). */
  public List<StepResult> deploymentSteps() {
    return client().newWorkflowStub(DeploymentWorkflow.class, DEPLOYMENT_ID).progress().steps();
  }

  /** The full report of the deployment {@link #DEPLOYMENT_ID} (its report query). */
  public String deploymentReport() {
    return client().newWorkflowStub(DeploymentWorkflow.class, DEPLOYMENT_ID).report();
  }

  /** Every step of the last Emergency Rollback, with its gates and evidence. */
  public List<StepResult> rollbackSteps() {
    return client().newWorkflowStub(RollbackWorkflow.class, ROLLBACK_ID).progress().steps();
  }

  /** The full report of the last Emergency Rollback. */
  public String rollbackReport() {
    return client().newWorkflowStub(RollbackWorkflow.class, ROLLBACK_ID).report();
  }

  public EnvironmentLockWorkflow startLock(String environment, String holder, String description) {
    EnvironmentLockWorkflow lock = client().newWorkflowStub(EnvironmentLockWorkflow.class,
        options(EnvironmentLockWorkflow.workflowIdFor(environment)));
    WorkflowClient.start(lock::hold, environment, holder, description);
    return lock;
  }

  /** Lets {@code duration} of workflow time pass (skipped, not waited). */
  public void sleep(Duration duration) {
    env().sleep(duration);
  }

  public WorkflowClient client() {
    return env().getWorkflowClient();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (testEnv != null) {
      testEnv.close();
      testEnv = null;
    }
  }

  private TestWorkflowEnvironment env() {
    if (testEnv == null) {
      hosts.now = startTime;
      testEnv = TestWorkflowEnvironment.newInstance(environmentOptions(plainConverter()).setInitialTime(startTime).build());
      Worker worker = testEnv.newWorker(TASK_QUEUE, WORKER);
      registerWorkflows(worker);
      worker.registerActivitiesImplementations(hosts);
      testEnv.start();
      WorkflowClient client = testEnv.getWorkflowClient();
      hosts.stopper = (id, reason) -> client.newUntypedWorkflowStub(id).signal("abort", reason);
    }
    return testEnv;
  }

  /**
   * Test environment options wired as the production worker: {@code converter} on the client (so
   * on the worker), the worker factory options every runbook worker has (the input guard), the
   * runbook search attributes. Every workflow test environment and the replayer are built from these.
   */
  public static TestEnvironmentOptions.Builder environmentOptions(DataConverter converter) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
        .setWorkerFactoryOptions(RunbookWorkerOptions.factoryOptions());
    RunbookSearchAttributes.ALL.forEach(key ->
        options.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return options;
  }

  /** The production converter without a payload key. */
  public static DataConverter plainConverter() {
    return TemporalConnection.dataConverter(TemporalSettings.from(Map.of()));
  }

  /** The workflows the production worker runs (the worker module's list, which this module cannot see). */
  public static void registerWorkflows(Worker worker) {
    worker.registerWorkflowImplementationTypes(DeploymentWorkflowImpl.class,
        io.spacetime.runbook.deployment.HostDeploymentWorkflowImpl.class,
        io.spacetime.runbook.deployment.HostRollbackWorkflowImpl.class, RollbackWorkflowImpl.class,
        EnvironmentLockWorkflowImpl.class, io.spacetime.runbook.incident.IncidentWorkflowImpl.class,
        io.spacetime.runbook.incident.IncidentIndexWorkflowImpl.class,
        io.spacetime.runbook.document.RunbookWorkflowImpl.class);
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TASK_QUEUE).build();
  }
}
