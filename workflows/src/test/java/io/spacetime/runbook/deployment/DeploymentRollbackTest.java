package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentWorkflowTest.V2_5_0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.FakeHost;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failure after the first change undoes every change in reverse order of the runbook's Rollback
 * Points: the new service stopped, the previous release's config restored, the production link
 * pointed back, and the previous release started and verified healthy.
 */
class DeploymentRollbackTest {

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void rollsBackWhenTheServiceWontStartAfterThreeAttempts() {
    hosts.host("api-1").release("v2.5.0").starts = false;

    DeploymentResult result = assertRolledBack("Step 5: Start New Service [api-1]",
        "service did not become ready after 3 attempts (attempt 1: service not active on api-1 after the start command");

    assertEquals(changes(List.of(
        "stopService api-1", "copyRelease api-1 v2.5.0", "switchRelease api-1 production-v2.5.0",
        "installConfig api-1 production-v2.5.0",
        "startService api-1 production-v2.5.0", "stopService api-1",
        "startService api-1 production-v2.5.0", "stopService api-1",
        "startService api-1 production-v2.5.0"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
    assertEquals(List.of(), result.steps().stream().filter(s -> s.host().equals("api-2")
        && s.id().startsWith("Step")).toList(), "api-2 was never touched");
  }

  @Test
  void rollsBackWhenStatusNeverBecomesReady() {
    hosts.host("api-1").release("v2.5.0").becomesReady = false;

    assertRolledBack("Step 5: Start New Service [api-1]", "service did not become ready after 3 attempts (attempt 1: "
        + "GET http://10.0.0.1:8080/status → HTTP 503, overall_ready false");
    assertServesPreviousRelease("api-1");
  }

  @Test
  void rollsBackWhenConnectFails() {
    hosts.host("api-1").release("v2.5.0").connectStatus = 500;

    assertRolledBack("Step 6: Service Health Checks [api-1]", "POST http://10.0.0.1:8080/connect → HTTP 500 on api-1");
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
  }

  @Test
  void rollsBackWhenTelemetryDoesNotConnect() {
    hosts.host("api-1").release("v2.5.0").telemetryFirstEvent = "";

    assertRolledBack("Step 6: Service Health Checks [api-1]", "telemetry ws://10.0.0.1:8081 did not connect on api-1");
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes());
  }

  @Test
  void rollsBackWhenSceneLoadFails() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;

    assertRolledBack("Step 7: Functional Testing [api-1]",
        "POST http://10.0.0.1:8080/scene/load → HTTP 500 on api-1: {\"error\":\"scene failed\"}");
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
    assertTrue(hosts.calls().contains("notify critical: Rolled back sandbox from v2.5.0"), "the team is told");
  }

  @Test
  void rollsBackWhenResponsesAreSlow() {
    hosts.host("api-1").release("v2.5.0").averageResponseMs = 250;

    assertRolledBack("Step 8: Performance Verification [api-1]", "average 250 ms >= 100 ms allowed");
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes());
  }

  @Test
  void rollsBackWhenTheServiceLogsErrorsAsItStarts() {
    hosts.host("api-1").release("v2.5.0").errorLogLines = 2;

    DeploymentResult result = assertRolledBack("Step 5: Start New Service [api-1]", "2 lines matching ERROR");
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes());
    assertTrue(testbed.deploymentReport().contains("No error messages in logs"), "the item is named in the report");
    assertServesPreviousRelease("api-1");
  }

  @Test
  void rollsBackEveryHostWhenTheLogShowsErrors() {
    hosts.host("api-2").release("v2.5.0").errorLogLines = 3;
    hosts.host("api-2").release("v2.5.0").errorsFromScan = 2;

    assertRolledBack("Step 10: Final Validation", "3 lines matching ERROR in /var/log/godot-spacetime/service.log");
    assertEquals(changes(deployed("api-1"), deployed("api-2"), undone("api-2"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
    assertServesPreviousRelease("api-2");
  }

  @Test
  void rollsBackTheFirstHostWhenTheSecondFails() {
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;

    assertRolledBack("Step 7: Functional Testing [api-2]", "POST http://10.0.0.2:8080/scene/load → HTTP 500 on api-2");
    assertEquals(changes(deployed("api-1"), deployedUpToStart("api-2"), undone("api-2"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
    assertServesPreviousRelease("api-2");
  }

  @Test
  void undoesMaintenanceModeAndTheLoadBalancerToo() {
    hosts.environment.withMaintenance(new MaintenanceSettings(true, "https://api.sandbox/maintenance", "TOKEN", 60))
        .withLoadBalancer(new LoadBalancerSettings("aws", "us-east-1", "arn:tg", null, null, null, null));
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;

    assertRolledBack("Step 7: Functional Testing [api-2]", "HTTP 500");
    List<String> changes = hosts.changes();
    // The undo of Step 2's deregistration registers api-1 again once its previous release serves.
    assertEquals(List.of("deregister api-1", "stopService api-1", "restoreConfig api-1 production-v2.4.0",
        "restoreRelease api-1 production-v2.4.0", "startService api-1 production-v2.4.0", "register api-1",
        "setMaintenance off"), changes.subList(changes.size() - 7, changes.size()));
  }

  @Test
  void rollbackFailedWhenAnUndoFails() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    hosts.failOn("restoreConfig api-1", "backups/.env.x: No space left on device");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    assertTrue(result.message().startsWith("ROLLBACK FAILED, a person must act now: Step 4: Rollback: restore the config of "
        + "production-v2.4.0"), result.message());
    assertTrue(result.message().contains("No space left on device"), result.message());
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes(), "the other undo actions still ran");
    assertServesPreviousRelease("api-1");
    assertTrue(hosts.calls().contains("notify critical: ROLLBACK FAILED on sandbox deploying v2.5.0"));
  }

  @Test
  void rollbackNoticeThatCannotBeSentDoesNotChangeTheOutcome() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;
    hosts.failOn("notify critical", "webhook answered 500");

    DeploymentResult result = assertRolledBack("Step 7: Functional Testing [api-1]", "HTTP 500");

    assertEquals(StepStatus.FAILED, DeploymentWorkflowTest.step(result, "Rollback Notification").status());
  }

  @Test
  void cancellationMidDeployRollsBack() {
    Checkpoint starting = hosts.pauseAt("startService api-1 production-v2.5.0");
    DeploymentWorkflow run = testbed.startDeployment(V2_5_0);
    starting.awaitReached();

    WorkflowStub.fromTyped(run).cancel();

    // A run cancelled from Temporal closes as Canceled (the Java SDK reports any run whose cancel
    // was requested that way), so its outcome is read from the progress query, which still answers.
    WorkflowFailedException closed = assertThrows(WorkflowFailedException.class, () -> testbed.resultOf(run));
    assertInstanceOf(CanceledFailure.class, closed.getCause());
    Progress progress = run.progress();
    assertEquals(Outcome.CANCELLED, progress.outcome());
    assertEquals(StepStatus.FAILED, progress.steps().stream()
        .filter(s -> s.label().equals("Step 5: Start New Service [api-1]")).findFirst().orElseThrow().status());
    assertEquals(changes(deployedUpToStart("api-1"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
    assertNull(hosts.lockHolder, "the lock is released");
  }

  @Test
  void abortSignalRollsBack() {
    Checkpoint copying = hosts.pauseAt("copyRelease api-2");
    DeploymentWorkflow run = testbed.startDeployment(V2_5_0);
    copying.awaitReached();

    run.abort(AbortReason.of("wrong release: v2.5.1 was meant"));
    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.CANCELLED, result.outcome(), result.message());
    assertEquals("Step 3: Deploy New Version [api-2]", result.failedStep());
    assertTrue(result.message().startsWith("aborted by an operator: wrong release: v2.5.1 was meant during "
        + "Step 3: Deploy New Version [api-2]; every change was undone"), result.message());
    assertEquals(changes(deployed("api-1"), List.of("stopService api-2", "copyRelease api-2 v2.5.0",
        "startService api-2 production-v2.4.0"), undone("api-1")), hosts.changes());
    assertServesPreviousRelease("api-1");
    assertServesPreviousRelease("api-2");
  }

  private DeploymentResult assertRolledBack(String failedStep, String gateText) {
    DeploymentResult result = testbed.deploy(V2_5_0);
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals(failedStep, result.failedStep());
    assertTrue(result.failedGate().contains(gateText), result.failedGate());
    return result;
  }

  /** The host serves its previous release again, and the run checked it is healthy after starting it. */
  private void assertServesPreviousRelease(String host) {
    FakeHost h = hosts.host(host);
    assertEquals("production-v2.4.0", h.productionLink);
    assertEquals("production-v2.3.0", h.backupLink, "production.backup is back as it was before the run");
    assertEquals("production-v2.4.0", h.runningDir);
    assertTrue(h.serviceActive, host + " runs");
    List<String> calls = hosts.calls();
    int started = calls.lastIndexOf("startService " + host + " production-v2.4.0");
    assertTrue(calls.subList(started, calls.size()).contains("awaitReady " + host + " production-v2.4.0"),
        "the previous release was verified on " + host);
  }

  /** Steps 2-5 on a host, as the run changes it. */
  private static List<String> deployedUpToStart(String host) {
    return List.of("stopService " + host, "copyRelease " + host + " v2.5.0", "switchRelease " + host + " production-v2.5.0",
        "installConfig " + host + " production-v2.5.0", "startService " + host + " production-v2.5.0");
  }

  /** Steps 2-9 on a host: Step 9 registers with the (absent) load balancer. */
  private static List<String> deployed(String host) {
    return changes(deployedUpToStart(host), List.of("register " + host));
  }

  /** The host's rollback points, undone in reverse: Step 5, Step 4, Step 3, Step 2. */
  private static List<String> undone(String host) {
    return List.of("stopService " + host, "restoreConfig " + host + " production-v2.4.0",
        "restoreRelease " + host + " production-v2.4.0", "startService " + host + " production-v2.4.0");
  }

  @SafeVarargs
  private static List<String> changes(List<String>... parts) {
    List<String> all = new ArrayList<>();
    Stream.of(parts).forEach(all::addAll);
    return all;
  }
}
