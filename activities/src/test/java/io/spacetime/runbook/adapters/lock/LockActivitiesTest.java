package io.spacetime.runbook.adapters.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.lock.EnvironmentLockWorkflow;
import io.spacetime.runbook.lock.LockGrant;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
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

  static TestWorkflowEnvironment temporal;
  static WorkflowClient client;
  static LockActivitiesImpl locks;

  @BeforeAll
  static void startTemporal() {
    temporal = TestWorkflowEnvironment.newInstance();
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(TestLock.class);
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
    locks.acquire("eu", "deploy-eu-1", "deploy v2.5.0 by alice");
    LockGrant refused = locks.acquire("eu", "rollback-eu-7", "rollback by bob");

    assertEquals(new LockGrant(false, "eu", "deploy-eu-1", "deploy v2.5.0 by alice"), refused);
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
    locks.acquire("apac", "deploy-apac-1", "first");
    locks.release("apac", "deploy-apac-2");

    assertTrue(locks.isRunning(EnvironmentLockWorkflow.workflowIdFor("apac")));
    assertEquals("deploy-apac-1", locks.acquire("apac", "deploy-apac-3", "third").holder());
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
