package io.spacetime.runbook.adapters.lock;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.lock.EnvironmentLockWorkflow;
import io.spacetime.runbook.lock.LockActivities;
import io.spacetime.runbook.lock.LockGrant;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LockActivities} backed by {@link EnvironmentLockWorkflow}: taking the lock is starting
 * the lock workflow under the environment's fixed workflow id, which the server allows only while
 * no run with that id is open. Who holds it is recorded in the run's memo (readable without a
 * worker) and answered by its {@code holder} query.
 */
public final class LockActivitiesImpl implements LockActivities {

  private static final Logger log = LoggerFactory.getLogger(LockActivitiesImpl.class);

  private static final String MEMO_HOLDER = EnvironmentLockWorkflow.MEMO_HOLDER;
  private static final String MEMO_DESCRIPTION = EnvironmentLockWorkflow.MEMO_DESCRIPTION;
  private static final int START_ATTEMPTS = 3;
  /** How long a release waits for the lock to close: a few workflow tasks on a busy server. */
  static final Duration RELEASE_CONFIRMATION = Duration.ofSeconds(10);
  private static final Duration RELEASE_POLL = Duration.ofMillis(50);
  /** The signal every changing runbook workflow stops and rolls back on. */
  static final String ABORT_SIGNAL = "abort";

  private final WorkflowClient client;
  private final String taskQueue;

  /** @param taskQueue where the lock workflow runs (a worker there hosts EnvironmentLockWorkflow) */
  public LockActivitiesImpl(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  @Override
  public LockGrant acquire(String environment, String holderWorkflowId, String holderDescription) {
    validate(environment, holderWorkflowId);
    String description = holderDescription == null ? "" : holderDescription;
    String lockId = EnvironmentLockWorkflow.workflowIdFor(environment);
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        EnvironmentLockWorkflow lock = client.newWorkflowStub(EnvironmentLockWorkflow.class,
            EnvironmentLockWorkflow.options(environment, taskQueue, holderWorkflowId, description));
        WorkflowClient.start(lock::hold, environment, holderWorkflowId, description);
        log.info("environment {} locked by {} ({})", environment, holderWorkflowId, description);
        return new LockGrant(true, environment, holderWorkflowId, description, "");
      } catch (WorkflowExecutionAlreadyStarted alreadyHeld) {
        Optional<Holder> current = currentHolder(lockId);
        if (current.isEmpty()) {
          continue; // the lock ended between our start and our look: try to take it again
        }
        Holder holder = current.get();
        if (holder.workflowId().equals(holderWorkflowId)) {
          return new LockGrant(true, environment, holderWorkflowId, holder.description(), holder.type()); // a retried acquire
        }
        if (!holder.running()) {
          // Its holder has closed (its release did not arrive yet, or never will): the lock is free.
          endStaleLock(lockId, holder);
          continue;
        }
        log.info("environment {} is locked by {}; {} may not change it now", environment, holder.workflowId(),
            holderWorkflowId);
        return new LockGrant(false, environment, holder.workflowId(), holder.description(), holder.type());
      }
    }
    throw AdapterFailures.retryable(FailureTypes.LOCK_CONTENDED, "the lock of environment " + environment
        + " was taken and released " + START_ATTEMPTS + " times while " + holderWorkflowId + " tried to take it");
  }

  @Override
  public boolean askToStop(String holderWorkflowId, String reason) {
    Optional<WorkflowExecutionDescription> holder = describe(holderWorkflowId)
        .filter(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    if (holder.isEmpty()) {
      return false;
    }
    try {
      client.newUntypedWorkflowStub(holderWorkflowId).signal(ABORT_SIGNAL, reason);
      log.info("asked {} to stop and roll back: {}", holderWorkflowId, reason);
      return true;
    } catch (WorkflowNotFoundException endedMeanwhile) {
      return false;
    }
  }

  @Override
  public void release(String environment, String holderWorkflowId) {
    validate(environment, holderWorkflowId);
    String lockId = EnvironmentLockWorkflow.workflowIdFor(environment);
    Optional<WorkflowExecutionDescription> lock = describe(lockId)
        .filter(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    if (lock.isEmpty()) {
      return; // nobody holds it (any more)
    }
    String holder = memo(lock.get(), MEMO_HOLDER);
    if (!holder.isEmpty() && !holder.equals(holderWorkflowId)) {
      log.info("environment {} is locked by {}, not {}: nothing to release", environment, holder, holderWorkflowId);
      return;
    }
    try {
      client.newWorkflowStub(EnvironmentLockWorkflow.class, lockId).release(holderWorkflowId);
    } catch (WorkflowNotFoundException endedMeanwhile) {
      return; // completed between the look and the signal: released either way
    }
    awaitClosed(lockId);
    log.info("environment {} released by {}", environment, holderWorkflowId);
  }

  @Override
  public boolean isRunning(String workflowId) {
    return describe(workflowId)
        .map(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }

  /**
   * Waits until the lock workflow has closed after its release signal, so a run started right
   * after this one finds the environment free. A lock that does not close in time (no worker is
   * polling) is free anyway for the next acquire, which sees that its holder has closed.
   */
  private void awaitClosed(String lockId) {
    long deadline = System.nanoTime() + RELEASE_CONFIRMATION.toNanos();
    while (System.nanoTime() < deadline) {
      boolean open = describe(lockId)
          .map(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
          .orElse(false);
      if (!open) {
        return;
      }
      ActivityContext.heartbeat("waiting for the lock " + lockId + " to close");
      try {
        Thread.sleep(RELEASE_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.warn("lock {} still open {} s after its release; the next acquire will take it over", lockId,
        RELEASE_CONFIRMATION.toSeconds());
  }

  /** Ends a lock whose holder has closed, recording why in the lock's history. */
  private void endStaleLock(String lockId, Holder holder) {
    try {
      client.newUntypedWorkflowStub(lockId).terminate("its holder " + holder.workflowId() + " has closed");
      log.info("lock {} ended: its holder {} has closed", lockId, holder.workflowId());
    } catch (WorkflowNotFoundException endedMeanwhile) {
      // Ended by itself in the meantime: free either way.
    }
  }

  /** The open lock's holder: its query answers, the memo stands in when no worker answers queries. */
  private Optional<Holder> currentHolder(String lockId) {
    Optional<WorkflowExecutionDescription> lock = describe(lockId)
        .filter(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    String holder;
    try {
      holder = client.newWorkflowStub(EnvironmentLockWorkflow.class, lockId).holder();
    } catch (WorkflowException | StatusRuntimeException noAnswer) {
      holder = memo(lock.get(), MEMO_HOLDER);
    }
    holder = holder == null ? "" : holder;
    Optional<WorkflowExecutionDescription> holderRun = holder.isEmpty() ? Optional.empty() : describe(holder);
    boolean running = holderRun.map(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
    String type = holderRun.map(WorkflowExecutionDescription::getWorkflowType).orElse("");
    return Optional.of(new Holder(holder, memo(lock.get(), MEMO_DESCRIPTION), type, running));
  }

  private Optional<WorkflowExecutionDescription> describe(String workflowId) {
    DescribeWorkflowExecutionRequest request = DescribeWorkflowExecutionRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
        .build();
    try {
      return Optional.of(new WorkflowExecutionDescription(
          client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(request),
          client.getOptions().getDataConverter()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String memo(WorkflowExecutionDescription description, String key) {
    Object value = description.getMemo(key, String.class);
    return value == null ? "" : value.toString();
  }

  private static void validate(String environment, String holderWorkflowId) {
    try {
      InputRules.check()
          .environment("environment", environment)
          .require(holderWorkflowId != null && !holderWorkflowId.isBlank(), "the holder's workflow id is required")
          .orThrow("the lock request");
    } catch (InvalidInputException e) {
      throw AdapterFailures.invalidInput(e);
    }
  }

  private record Holder(String workflowId, String description, String type, boolean running) {}
}
