package io.spacetime.runbook.starter.resume;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.lock.EnvironmentLockWorkflow;
import io.spacetime.runbook.rollback.RollbackResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ResetReapplyType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./runbook resume}: finds where a closed run goes on from ({@link ResumePlanner}), takes
 * the environment's lock for it, and resets it there (Temporal's reset: a new run of the same
 * workflow id that keeps the history before that point).
 *
 * <p>The lock comes first because the closed run released it when it ended: the reset run
 * replays as the holder it was and would otherwise change hosts while another run may hold the
 * environment. The lock is taken in the run's own name, so the run's own lock step (when it runs
 * again) finds it granted, and its normal release at the end frees it.
 */
public final class RunResumer {

  private static final Logger log = LoggerFactory.getLogger(RunResumer.class);
  private static final long RESULT_TIMEOUT_SECONDS = 10;

  private final WorkflowClient client;
  private final String taskQueue;

  public RunResumer(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Where {@code workflowId}'s latest run would go on from; nothing is changed. */
  public ResumePoint plan(String workflowId) {
    WorkflowExecutionDescription run = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .describe();
    WorkflowExecutionStatus status = run.getWorkflowExecutionInfo().getStatus();
    String type = run.getWorkflowType();
    String runId = run.getExecution().getRunId();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new NotResumableException(workflowId + " is still running (./runbook status " + workflowId + "); a run "
          + "that waits for a decision goes on with decide, continue or approve, not resume");
    }
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      throw new NotResumableException(workflowId + " closed as " + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "")
          + " without a result to resume from; its history is in the Web UI, from where a reset is possible by hand");
    }
    String environment = Optional.ofNullable(run.getTypedSearchAttributes().get(RunbookSearchAttributes.ENVIRONMENT))
        .orElse("");
    ResumePlanner.refuseOtherTypes(workflowId, type, environment);
    if (environment.isEmpty()) {
      throw new NotResumableException(workflowId + " has no Environment search attribute: its lock cannot be taken");
    }
    Result result = result(workflowId, runId, type);
    List<HistoryEvent> history = client.fetchHistory(workflowId, runId).getEvents();
    return ResumePlanner.plan(workflowId, runId, type, environment, result.outcome(), result.steps(), history);
  }

  /**
   * Takes the lock and resets the run to {@code point}; the same point reset twice (a retried
   * command) is one reset, through the request id.
   *
   * @return the new run's id
   */
  public String resume(ResumePoint point, String by, String reason) {
    String description = "resume of " + point.workflowId() + " by " + by;
    takeLock(point, description);
    String why = "resumed by " + by + ": " + reason + " (goes on from " + point.whatRunsAgain() + ")";
    try {
      String newRun = client.getWorkflowServiceStubs().blockingStub().resetWorkflowExecution(
          ResetWorkflowExecutionRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(point.workflowId()).setRunId(point.runId()))
              .setWorkflowTaskFinishEventId(point.workflowTaskCompletedEventId())
              .setReason(why)
              // Signals and updates sent to the closed run after that point (an old abort, an old
              // answer) are not replayed into the new run: its questions are asked again.
              .setResetReapplyType(ResetReapplyType.RESET_REAPPLY_TYPE_NONE)
              .setRequestId(requestId(point))
              .build())
          .getRunId();
      log.info("{} reset to event {} as run {}: {}", point.workflowId(), point.workflowTaskCompletedEventId(), newRun, why);
      return newRun;
    } catch (StatusRuntimeException e) {
      releaseLock(point);
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw new NotResumableException("this Temporal server cannot reset runs (the embedded test server cannot): "
            + "resume against the dev server or a cluster, started with ./runbook dev-server");
      }
      throw e;
    }
  }

  private void takeLock(ResumePoint point, String description) {
    EnvironmentLockWorkflow lock = client.newWorkflowStub(EnvironmentLockWorkflow.class,
        EnvironmentLockWorkflow.options(point.environment(), taskQueue, point.workflowId(), description));
    try {
      WorkflowClient.start(lock::hold, point.environment(), point.workflowId(), description);
    } catch (WorkflowExecutionAlreadyStarted held) {
      Object holder = client.newUntypedWorkflowStub(EnvironmentLockWorkflow.workflowIdFor(point.environment()),
          Optional.empty(), Optional.empty()).describe().getMemo(EnvironmentLockWorkflow.MEMO_HOLDER, String.class);
      if (!point.workflowId().equals(String.valueOf(holder))) {
        throw new NotResumableException("environment " + point.environment() + " is locked by " + holder
            + "; resume " + point.workflowId() + " once that run has ended (a lock whose holder has closed ends "
            + "within a minute)");
      }
    }
  }

  private void releaseLock(ResumePoint point) {
    try {
      client.newWorkflowStub(EnvironmentLockWorkflow.class, EnvironmentLockWorkflow.workflowIdFor(point.environment()))
          .release(point.workflowId());
    } catch (RuntimeException e) {
      log.warn("could not release the lock of {} after a failed reset ({}); it ends within a minute",
          point.environment(), e.getMessage());
    }
  }

  /** The result of a run {@link ResumePlanner#refuseOtherTypes} let through: a deployment's or a rollback's. */
  private Result result(String workflowId, String runId, String type) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
    try {
      if (DeploymentWorkflow.TYPE.equals(type)) {
        DeploymentResult r = stub.getResult(RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS, DeploymentResult.class);
        return new Result(r.outcome(), r.steps());
      }
      RollbackResult r = stub.getResult(RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS, RollbackResult.class);
      return new Result(r.outcome(), r.steps());
    } catch (TimeoutException e) {
      throw new NotResumableException("the server did not return " + workflowId + "'s result within "
          + RESULT_TIMEOUT_SECONDS + " s; try again");
    }
  }

  /** One reset per run and point, whoever retries. */
  private static String requestId(ResumePoint point) {
    return UUID.nameUUIDFromBytes((point.runId() + "@" + point.workflowTaskCompletedEventId())
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  private record Result(Outcome outcome, List<StepResult> steps) {}
}
