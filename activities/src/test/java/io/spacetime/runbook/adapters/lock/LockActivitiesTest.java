package io.spacetime.runbook.adapters.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.lock.EnvironmentLockWorkflow;
import io.spacetime.runbook.lock.LockGrant;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lock activities against Temporal's in-process test server, with a minimal lock workflow. */
class LockActivitiesTest {

  static final String TASK_QUEUE = "runbook-locks-test";

  /** The smallest lock that honours the contract: held until its holder releases it. */
  public static class TestLock implements EnvironmentLockWorkflow {
    private String holder;
    private boolean released;

    @Override
    public void hold(String environment, String holderWorkflowId, String holderDescription) {
      holder = holderWorkflowId;
      Workflow.await(() -> released);
    }

    @Override
    public void release(String holderWorkflowId) {
      if (holderWorkflowId.equals(holder)) {
        released = true;
      }
    }

    @Override
    public String holder() {
      return holder;
    }
  }

  /** A changing run that holds the lock: runs until it is asked to stop (its abort signal). */
  @WorkflowInterface
  public interface HolderRun {
    @WorkflowMethod
    String run();

    @SignalMethod(name = "abort")
    void abort(String reason);
  }

  public static class HolderRunImpl implements HolderRun {
    private String reason;

    @Override
    public String run() {
      Workflow.await(() -> reason != null);
      return reason;
    }

    @Override
    public void abort(String reason) {
      this.reason = reason;
    }
  }

  static TestWorkflowEnvironment temporal;
  static WorkflowClient client;
  static LockActivitiesImpl locks;

  @BeforeAll
  static void startTemporal() {
    temporal = TestWorkflowEnvironment.newInstance();
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(TestLock.class, HolderRunImpl.class);
    temporal.start();
    client = temporal.getWorkflowClient();
    locks = new LockActivitiesImpl(client, TASK_QUEUE);
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @Test
  void grantsAFreeLockAndRecordsTheHolder() {
    LockGrant grant = locks.acquire("production", "deploy-production-v2.5.0", "deploy v2.5.0 by alice");

    assertEquals(new LockGrant(true, "production", "deploy-production-v2.5.0", "deploy v2.5.0 by alice"), grant);
    assertTrue(locks.isRunning(EnvironmentLockWorkflow.workflowIdFor("production")));
  }

  @Test
  void reacquiringOnesOwnLockIsGranted() {
    locks.acquire("staging", "deploy-staging-1", "first");
    LockGrant again = locks.acquire("staging", "deploy-staging-1", "first");
    assertTrue(again.granted());
    assertEquals("deploy-staging-1", again.holder());
  }

  @Test
  void anotherRunIsToldWhoHoldsTheLock() {
    running("deploy-eu-1");
    locks.acquire("eu", "deploy-eu-1", "deploy v2.5.0 by alice");
    LockGrant refused = locks.acquire("eu", "rollback-eu-7", "rollback by bob");

    assertEquals(new LockGrant(false, "eu", "deploy-eu-1", "deploy v2.5.0 by alice", "HolderRun"), refused);
  }

  @Test
  void aLockWhoseHolderHasClosedIsFree() {
    HolderRun holder = running("deploy-asia-1");
    locks.acquire("asia", "deploy-asia-1", "first");
    holder.abort("done");
    WorkflowStub.fromTyped(holder).getResult(String.class);

    LockGrant next = locks.acquire("asia", "rollback-asia-2", "second");

    assertTrue(next.granted(), "its holder closed without releasing it: " + next);
    assertEquals("rollback-asia-2", next.holder());
  }

  @Test
  void releaseReturnsOnceTheLockHasEnded() {
    running("deploy-af-1");
    locks.acquire("af", "deploy-af-1", "first");

    locks.release("af", "deploy-af-1");

    assertFalse(locks.isRunning(EnvironmentLockWorkflow.workflowIdFor("af")), "the next run finds it free at once");
    assertTrue(locks.acquire("af", "rollback-af-2", "second").granted());
  }

  @Test
  void askToStopSendsTheRunItsAbortSignal() {
    HolderRun holder = running("deploy-sa-1");

    assertTrue(locks.askToStop("deploy-sa-1", "superseded by rollback-sa-2"));

    assertEquals("superseded by rollback-sa-2", WorkflowStub.fromTyped(holder).getResult(String.class));
    assertFalse(locks.askToStop("deploy-sa-1", "again"), "a closed run is not running any more");
  }

  @Test
  void releasingTheLockLetsTheNextRunTakeIt() {
    locks.acquire("us", "deploy-us-1", "first");
    locks.release("us", "deploy-us-1");
    client.newUntypedWorkflowStub(EnvironmentLockWorkflow.workflowIdFor("us")).getResult(Void.class);

    assertFalse(locks.isRunning(EnvironmentLockWorkflow.workflowIdFor("us")));
    LockGrant next = locks.acquire("us", "deploy-us-2", "second");
    assertTrue(next.granted());
    assertEquals("deploy-us-2", next.holder());
  }

  @Test
  void aRunCannotReleaseALockItDoesNotHold() {
    running("deploy-apac-1");
    locks.acquire("apac", "deploy-apac-1", "first");
    locks.release("apac", "deploy-apac-2");

    assertTrue(locks.isRunning(EnvironmentLockWorkflow.workflowIdFor("apac")));
    assertEquals("deploy-apac-1", locks.acquire("apac", "deploy-apac-3", "third").holder());
  }

  private static HolderRun running(String workflowId) {
    HolderRun run = client.newWorkflowStub(HolderRun.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(run::run);
    return run;
  }

  @Test
  void releasingAFreeLockSucceeds() {
    locks.release("nobody-here", "deploy-x");
  }

  @Test
  void anUnknownWorkflowIsNotRunning() {
    assertFalse(locks.isRunning("no-such-workflow"));
  }

  @Test
  void aBadEnvironmentNameIsRejected() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> locks.acquire("../x", "deploy-1", ""));
    assertEquals("InvalidInput", failure.getType());
  }
}
