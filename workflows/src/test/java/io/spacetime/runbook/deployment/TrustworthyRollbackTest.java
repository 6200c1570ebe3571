package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentWorkflowTest.V2_5_0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.RollbackSettings;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.FakeHost;
import io.spacetime.runbook.testing.RunbookTestbed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment's rollback says the truth: it never writes over a release in use, it proves before
 * the first change that every host can be rolled back, its undo keeps trying through a short
 * outage, and "the previous release is healthy" means that release, with its version and its
 * directory, is what answers.
 */
class TrustworthyRollbackTest {

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void aRebuildOfTheServedVersionGoesIntoItsOwnDirectoryAndItsRollbackRestoresTheOldContent() {
    for (String name : List.of("api-1", "api-2")) {
      hosts.host(name).serving("production-v2.5.0", "production-v2.4.0");
    }
    hosts.host("api-1").releaseIn("production-v2.5.0+2").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(V2_5_0);

    FakeHost api1 = hosts.host("api-1");
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals(List.of("production-v2.5.0+2"), api1.copiedInto, "never copied over the served production-v2.5.0");
    assertEquals("production-v2.5.0", api1.runningDir, "the old content serves again");
    assertEquals("production-v2.5.0", api1.productionLink);
  }

  @Test
  void aHostWhoseReleaseCannotBeRestoredAbortsBeforeAnyHostIsChanged() {
    hosts.host("api-2").productionLink = "release v2.4 (old)";

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertEquals("3.1 Current State Backup [api-2]", result.failedStep());
    assertTrue(result.failedGate().contains("a rollback cannot restore a directory of that name"), result.failedGate());
    assertEquals(List.of(), hosts.changes(), "api-1 was not touched either");
  }

  @Test
  void aLinkToAMissingDirectoryAbortsBeforeAnyChange() {
    hosts.host("api-2").releaseDirs.remove("production-v2.4.0");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.failedGate().contains("which is not a directory next to the link"), result.failedGate());
    assertEquals(List.of(), hosts.changes());
  }

  @Test
  void aReleaseWithoutConfigIsBackedUpAsSuchAndRollsBackCleanly() {
    hosts.host("api-1").hasConfig = false;
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    StepResult backup = DeploymentWorkflowTest.step(testbed, "3.1 Current State Backup [api-1]");
    assertTrue(backup.summary().contains("the release has no .env on api-1: recorded"), backup.summary());
  }

  @Test
  void theUndoRestartsAServiceFoundRunningTheWrongReleaseInsteadOfCallingItHealthy() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    Checkpoint linkBack = hosts.pauseAt("restoreRelease api-1");
    var run = testbed.startDeployment(V2_5_0);
    linkBack.awaitReached();
    // Meanwhile something (a supervisor, a person) starts the new release again.
    FakeHost api1 = hosts.host("api-1");
    api1.serviceActive = true;
    api1.runningDir = "production-v2.5.0";
    linkBack.release();

    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("production-v2.4.0", api1.runningDir, "the previous release is what serves, not v2.5.0");
    StepResult undo = testbed.deploymentSteps().stream()
        .filter(s -> s.title().equals("Rollback: start production-v2.4.0 and verify health")).findFirst().orElseThrow();
    assertEquals(StepStatus.COMPENSATED, undo.status());
    assertTrue(undo.summary().contains("serves version v2.4.0 on api-1"), undo.summary());
    assertTrue(undo.summary().contains("runs from /opt/spacetime/production-v2.4.0"), undo.summary());
    assertTrue(undo.evidence().stream().anyMatch(e -> "skipped: already active".equals(e.observed().get("start"))),
        "the report shows the service was found running");
  }

  @Test
  void aServiceThatNeverStoppedIsVerifiedToBeThePreviousReleaseBeforeItCountsAsHealthy() {
    hosts.host("api-1").servingDirVisible = false;
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(V2_5_0);

    StepResult undo = result.steps().stream()
        .filter(s -> s.title().equals("Rollback: start production-v2.4.0 and verify health")).findFirst().orElseThrow();
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(undo.summary().contains("serving directory not checked on api-1: cannot read /proc/1234/cwd"),
        "a check the host does not allow is reported as not made: " + undo.summary());
  }

  @Test
  void anUndoKeepsTryingThroughAShortOutageAndSaysSo() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    // Six activity attempts fail: two rounds of the activity's own three attempts.
    hosts.failTimes("restoreRelease api-1", 6, "cannot reach host api-1 over SSH: connection refused");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    StepResult undo = testbed.deploymentSteps().stream()
        .filter(s -> s.title().equals("Rollback: point production back at production-v2.4.0")).findFirst().orElseThrow();
    assertEquals(StepStatus.COMPENSATED, undo.status());
    assertTrue(undo.summary().endsWith("(attempt 3)"), undo.summary());
    assertEquals(List.of("attempt 1 of point production back at production-v2.4.0",
        "attempt 2 of point production back at production-v2.4.0"),
        undo.evidence().stream().map(e -> e.action()).filter(a -> a.startsWith("attempt")).toList());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir);
  }

  @Test
  void anUndoGivesUpAfterItsPatienceAndTheRunSaysAPersonMustAct() {
    hosts.environment.withRollback(new RollbackSettings(2, 30));
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    hosts.failTimes("restoreRelease api-1", 10_000, "cannot reach host api-1 over SSH: connection refused");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    StepResult undo = result.steps().stream()
        .filter(s -> s.title().equals("Rollback: point production back at production-v2.4.0")).findFirst().orElseThrow();
    assertEquals(StepStatus.COMPENSATION_FAILED, undo.status());
    assertTrue(undo.summary().matches(".*still failing after \\d+ attempts in \\d+ s\\)"), undo.summary());
    long seconds = (undo.finishedAt() - undo.startedAt()) / 1000;
    assertTrue(seconds >= 60 && seconds <= 120, "kept trying for about the configured 2 minutes: " + seconds + " s");
  }

  @Test
  void aHostThatStopsAnsweringIsGivenUpOnAfterOneUndosPatienceAndItsOtherUndosAreNotAttempted() {
    hosts.environment.withRollback(new RollbackSettings(1, 30));
    Checkpoint step8 = hosts.pauseAt("sampleResponseTimes api-1");
    DeploymentWorkflow run = testbed.startDeployment(V2_5_0);
    step8.awaitReached();
    // api-1's SSH goes away while Step 8 probes it over HTTP, and does not come back.
    for (String call : List.of("measureUsage", "stopService", "restoreConfig", "restoreRelease", "startService",
        "inspectRelease")) {
      hosts.failTimes(call + " api-1", 10_000, "cannot reach host api-1 over SSH: connection refused");
    }
    step8.release();

    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    List<StepResult> undos = result.steps().stream().filter(s -> s.status() == StepStatus.COMPENSATION_FAILED).toList();
    assertEquals("Rollback: stop the new service", undos.get(0).title());
    assertTrue(undos.get(0).summary().matches(".*still failing after \\d+ attempts in \\d+ s\\)"), undos.get(0).summary());
    assertEquals(List.of("Rollback: restore the config of production-v2.4.0 from backup",
        "Rollback: point production back at production-v2.4.0", "Rollback: start production-v2.4.0 and verify health"),
        undos.subList(1, undos.size()).stream().map(s -> s.title().replaceFirst(" from backup .*", " from backup")).toList());
    undos.subList(1, undos.size()).forEach(undo -> assertTrue(undo.summary().startsWith(
        "not attempted: api-1 did not answer SSH for "), undo.summary()));
    assertEquals(List.of(), hosts.calls().stream().filter(c -> c.startsWith("restoreConfig api-1")
        || c.startsWith("restoreRelease api-1")).toList(), "the later undos sent nothing to the lost host");
    assertTrue(hosts.calls().stream().noneMatch(c -> c.startsWith("stopService api-2")), "api-2 untouched");
  }

  @Test
  void anUndoThatNoRetryCanFixFailsAtOnce() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    hosts.failOn("restoreConfig api-1", "backups/.env.x: No space left on device");

    DeploymentResult result = testbed.deploy(V2_5_0);

    StepResult undo = result.steps().stream().filter(s -> s.status() == StepStatus.COMPENSATION_FAILED).findFirst().orElseThrow();
    assertEquals(1, hosts.calls().stream().filter(c -> c.startsWith("restoreConfig api-1")).count(), "tried once");
    assertFalse(undo.summary().contains("attempts"), undo.summary());
  }
}
