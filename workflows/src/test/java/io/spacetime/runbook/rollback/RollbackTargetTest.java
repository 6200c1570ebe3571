package io.spacetime.runbook.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which release an Emergency Rollback restores: the last one known good by each host's release
 * history, never one that was itself rolled back; and that it proceeds while deployments wait or run.
 */
class RollbackTargetTest {

  static final DeploymentRequest V2_5_0 = DeploymentRequest.of("sandbox", "v2.5.0");

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void aSecondRollbackNeverRestoresTheReleaseTheFirstRolledBack() {
    assertEquals(Outcome.SUCCEEDED, testbed.deploy(V2_5_0).outcome());

    RollbackResult first = testbed.rollback(new RollbackRequest("sandbox", "error rate 7% after v2.5.0", null, "bot"));
    RollbackResult second = testbed.rollback(new RollbackRequest("sandbox", "error rate 7% after v2.5.0", null, "bot"));

    assertEquals(Outcome.SUCCEEDED, first.outcome(), first.message());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir);
    assertEquals(Outcome.ABORTED, second.outcome(), second.message());
    assertTrue(second.message().contains("nothing to roll back to on api-1: production-v2.4.0 (v2.4.0) serves now;"
        + " production-v2.5.0 was rolled back by " + RunbookTestbed.ROLLBACK_ID), second.message());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir, "the bad release is not redeployed");
    assertEquals("", hosts.host("api-1").backupLink,
        "production.backup no longer points at the rolled-back release (the runbook's manual rollback stays right)");
  }

  @Test
  void theHistoryRecordsWhichRunServedAndWhichRolledBack() {
    testbed.deploy(V2_5_0);
    testbed.rollback(new RollbackRequest("sandbox", "error rate 7%", null, ""));

    List<ReleaseEvent> history = hosts.host("api-2").history;
    assertEquals(List.of(ReleaseEvent.Kind.DEPLOY, ReleaseEvent.Kind.ROLLBACK), history.stream().map(ReleaseEvent::kind).toList());
    assertEquals(RunbookTestbed.DEPLOYMENT_ID, history.get(0).workflowId());
    assertEquals("production-v2.5.0", history.get(1).fromDir());
    assertEquals(RunbookTestbed.ROLLBACK_ID, history.get(1).workflowId());
  }

  @Test
  void aRollbackAfterARolledBackDeploymentGoesToTheReleaseBeforeTheServedOne() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    assertEquals(Outcome.ROLLED_BACK, testbed.deploy(V2_5_0).outcome());
    assertEquals(ReleaseEvent.Kind.UNDO, hosts.host("api-1").history.get(1).kind());

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", "v2.4.0 is bad too", null, ""));

    // api-1's history: v2.4.0 served, v2.5.0 rolled back; nothing older is known there, and its
    // production.backup still leads to v2.3.0 as it did before the failed deployment.
    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals("production-v2.3.0", hosts.host("api-1").runningDir);
    assertEquals("production-v2.3.0", hosts.host("api-2").runningDir);
  }

  @Test
  void aRollbackProceedsWhileAnEmergencyDeploymentWaitsForItsApproval() {
    testbed.startingAt(Instant.parse("2025-12-03T10:30:00Z"));
    hosts.host("api-1").serving("production-v2.5.0", "production-v2.4.0");
    hosts.host("api-2").serving("production-v2.5.0", "production-v2.4.0");
    Checkpoint waiting = hosts.watchFor("notify warning: Deployment v2.6.0 to sandbox waits for an emergency approval");
    DeploymentWorkflow emergency = testbed.startDeployment(
        new DeploymentRequest("sandbox", "v2.6.0", false, true, "CVE fix", "sam"));
    waiting.awaitReached();

    RollbackResult rollback = testbed.rollback(new RollbackRequest("sandbox", "error rate 7% after v2.5.0", null, ""));

    assertEquals(Outcome.SUCCEEDED, rollback.outcome(), rollback.message());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir);
    assertTrue(hosts.calls().stream().noneMatch(c -> c.startsWith("askToStop")), "the waiting deployment holds no lock");
    WorkflowStub.fromTyped(emergency).cancel();
  }

  @Test
  void aRollbackStopsADeploymentThatHoldsTheEnvironmentAndLetsItUndoItself() {
    Checkpoint secondHost = hosts.pauseAt("copyRelease api-2");
    DeploymentWorkflow deployment = testbed.startDeployment(V2_5_0);
    secondHost.awaitReached();
    assertEquals("production-v2.5.0", hosts.host("api-1").productionLink, "api-1 has the new release");

    RollbackResult rollback = testbed.rollback(new RollbackRequest("sandbox", "error rate 7% after v2.5.0", null, "oncall"));
    DeploymentResult stopped = testbed.resultOf(deployment);

    assertEquals(Outcome.CANCELLED, stopped.outcome(), stopped.message());
    assertTrue(stopped.message().contains("superseded by " + RunbookTestbed.ROLLBACK_ID), stopped.message());
    assertEquals(Outcome.SUCCEEDED, rollback.outcome(), rollback.message());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir, "the deployment undid its own change");
    assertEquals("production-v2.4.0", hosts.host("api-2").runningDir, "and a rollback does not go further back");
    StepResult lock = testbed.rollbackSteps().stream().filter(s -> s.label().equals("Deployment Lock")).findFirst()
        .orElseThrow();
    assertEquals(StepStatus.PASSED, lock.status());
    assertTrue(lock.evidence().stream().anyMatch(e -> e.action().startsWith("ask " + RunbookTestbed.DEPLOYMENT_ID)),
        "the report says which deployment it stopped");
    assertTrue(rollback.steps().stream().anyMatch(s -> s.status() == StepStatus.SKIPPED
        && s.summary().startsWith("nothing to restore: api-1 serves production-v2.4.0")), rollback.report());
    assertNull(hosts.lockHolder);
  }

  @Test
  void aNamedVersionIsRestoredEvenIfItWasRolledBackAndTheReportSaysSo() {
    testbed.deploy(V2_5_0);
    testbed.rollback(new RollbackRequest("sandbox", "error rate", null, ""));

    RollbackResult again = testbed.rollback(new RollbackRequest("sandbox", "the error rate came from elsewhere", "v2.5.0", ""));

    assertEquals(Outcome.SUCCEEDED, again.outcome(), again.message());
    assertEquals("production-v2.5.0", hosts.host("api-1").runningDir);
    String report = testbed.rollbackReport();
    assertTrue(report.contains("production-v2.5.0 was rolled back by " + RunbookTestbed.ROLLBACK_ID), report);
  }

}
