package io.spacetime.runbook.starter.client;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Starting and steering runbook workflows, for the CLI and the HTTP intake. Inputs are validated
 * here first, so a typo is answered before anything reaches Temporal; the workflow validates again
 * because the Web UI bypasses this class.
 */
public final class RunbookClient {

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final WorkflowClient client;
  private final String taskQueue;
  private final Clock clock;

  public RunbookClient(TemporalConnection connection) {
    this(connection.client(), connection.settings().taskQueue(), Clock.systemUTC());
  }

  public RunbookClient(WorkflowClient client, String taskQueue, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.clock = clock;
  }

  /** Starts a deployment and returns its workflow id; the run goes on without this process. */
  public String startDeployment(DeploymentRequest request) {
    request.validate();
    String id = "deploy-" + request.environment() + "-" + request.version() + "-" + idSuffix();
    String summary = (request.dryRun() ? "Dry run: deploy " : "Deploy ") + request.version() + " to " + request.environment();
    DeploymentWorkflow workflow = client.newWorkflowStub(DeploymentWorkflow.class,
        options(id, summary, RunbookDetails.deployment(request)));
    WorkflowClient.start(workflow::deploy, request);
    return id;
  }

  /** Starts the Emergency Rollback Procedure and returns its workflow id. */
  public String startRollback(RollbackRequest request) {
    request.validate();
    String id = "rollback-" + request.environment() + "-" + idSuffix();
    String summary = "Emergency rollback of " + request.environment()
        + (request.toVersion().isEmpty() ? "" : " to " + request.toVersion());
    RollbackWorkflow workflow = client.newWorkflowStub(RollbackWorkflow.class,
        options(id, summary, RunbookDetails.rollback(request)));
    WorkflowClient.start(workflow::rollback, request);
    return id;
  }

  /** The {@code progress} query of a running (or finished) runbook workflow. */
  public Progress progress(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .query("progress", Progress.class);
  }

  public WorkflowExecutionDescription describe(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty()).describe();
  }

  public boolean isRunning(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** Blocks until the run ends, up to {@code timeout}. */
  public <R> R result(String workflowId, Class<R> resultType, Duration timeout) throws java.util.concurrent.TimeoutException {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResult(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, resultType);
  }

  /** The deployment's result when it ends, for {@link ProgressPrinter#follow}. */
  public CompletableFuture<DeploymentResult> deploymentResultAsync(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResultAsync(DeploymentResult.class);
  }

  public CompletableFuture<RollbackResult> rollbackResultAsync(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResultAsync(RollbackResult.class);
  }

  public DeploymentResult deploymentResult(String workflowId, Duration timeout) throws java.util.concurrent.TimeoutException {
    return result(workflowId, DeploymentResult.class, timeout);
  }

  public RollbackResult rollbackResult(String workflowId, Duration timeout) throws java.util.concurrent.TimeoutException {
    return result(workflowId, RollbackResult.class, timeout);
  }

  /** Sends the emergency approval; the workflow's validator answers bad or unexpected approvals. */
  public String approve(String workflowId, EmergencyApproval approval) {
    approval.validate();
    return client.newWorkflowStub(DeploymentWorkflow.class, workflowId).approveEmergency(approval);
  }

  /**
   * Stops a run and rolls back what it changed: the deployment's {@code abort} signal (which records
   * the reason), plain cancellation for other runbooks.
   */
  public void abort(String workflowId, String reason) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    String type = stub.describe().getWorkflowType();
    if (DeploymentWorkflow.TYPE.equals(type)) {
      stub.signal("abort", reason);
    } else {
      stub.cancel(reason);
    }
  }

  /** Sortable by start time, and unique even for two starts within one second. */
  private String idSuffix() {
    return ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 4);
  }

  private WorkflowOptions options(String id, String summary, String details) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowExecutionTimeout(Duration.ofHours(24))
        .setStaticSummary(summary)
        .setStaticDetails(details)
        .build();
  }
}
