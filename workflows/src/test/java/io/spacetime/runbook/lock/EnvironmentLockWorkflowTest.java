package io.spacetime.runbook.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock an environment's changing run holds: released by its holder, or when the holder is gone. */
class EnvironmentLockWorkflowTest {

  static final String HOLDER = "deploy-sandbox-v2.5.0-1";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void endsWhenTheHolderReleasesIt() {
    EnvironmentLockWorkflow lock = testbed.startLock("sandbox", HOLDER, "deployment of v2.5.0 to sandbox");

    assertEquals(HOLDER, lock.holder());
    lock.release(HOLDER);

    WorkflowStub.fromTyped(lock).getResult(Void.class);
  }

  @Test
  void ignoresAReleaseFromAnotherRun() {
    EnvironmentLockWorkflow lock = testbed.startLock("sandbox", HOLDER, "deployment of v2.5.0 to sandbox");

    lock.release("deploy-sandbox-v2.6.0-2");
    testbed.sleep(Duration.ofMinutes(3));

    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        WorkflowStub.fromTyped(lock).describe().getWorkflowExecutionInfo().getStatus());
    assertEquals(HOLDER, lock.holder());
  }

  @Test
  void endsWhenTheHolderIsNoLongerRunning() {
    AtomicInteger checks = new AtomicInteger();
    hosts.running = id -> checks.incrementAndGet() < 3;
    EnvironmentLockWorkflow lock = testbed.startLock("sandbox", HOLDER, "deployment of v2.5.0 to sandbox");

    WorkflowStub.fromTyped(lock).getResult(Void.class);

    assertEquals(3, checks.get(), "checked once a minute until the holder was gone");
  }
}
