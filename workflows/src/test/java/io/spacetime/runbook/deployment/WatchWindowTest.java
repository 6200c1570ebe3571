package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.ItemCheck;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RUNBOOK_DEPLOYMENT.md "Post-Deployment Validation" and "When to Rollback" after Step 10, in
 * skipped workflow time: the samples come from the fake hosts' endpoints (or a fake Prometheus),
 * each scripted by its number.
 */
class WatchWindowTest {

  static final String WATCH = "Post-Deployment Validation: Watch Window";
  static final String ASKED = "notify warning: Deployment v2.5.0 to sandbox: consider rollback";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  FakeEnvironmentHosts watching(WatchSettings settings) {
    hosts.environment.withWatch(settings);
    return hosts;
  }

  @Test
  void succeedsAfterTheRunbooksThirtyMinutesWhenNoSampleCrossesALine() {
    watching(WatchSettings.runbookDefaults());

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    StepResult watch = DeploymentWorkflowTest.step(testbed, WATCH);
    assertEquals(StepStatus.PASSED, watch.status(), watch.summary());
    // 30 minutes, a sample every 30 s: the one when the window opens and 60 more.
    assertEquals(61, watch.evidence().stream().filter(e -> e.action().startsWith("watch window sample")).count());
    assertTrue(watch.summary().startsWith("61 samples over 30 min"), watch.summary());
    assertEquals(61, hosts.calls().stream().filter(c -> c.equals("sampleEndpoints 4")).count(),
        "one activity per sample covers both hosts' two endpoints");
    Map<String, ItemCheck> items = watch.items().stream().collect(Collectors.toMap(ItemCheck::item, i -> i));
    assertEquals(ItemCheck.Status.PASSED, items.get("No increase in error rates").status());
    assertEquals(ItemCheck.Status.PASSED, items.get("Response times within SLA").status());
    assertEquals(ItemCheck.Status.NOT_CHECKED, items.get("No alerts triggered").status());
    assertEquals(List.of("production-v2.5.0", "production-v2.5.0"),
        List.of(hosts.host("api-1").runningDir, hosts.host("api-2").runningDir));
  }

  @Test
  void rollsBackByItselfWhenASampleIsOverFivePercentAndNamesIt() {
    watching(shortWindow());
    hosts.endpointHealth = n -> n == 3 ? new double[] {7, 20} : new double[] {0, 20};

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals(WATCH, result.failedStep());
    assertTrue(result.failedGate().startsWith("the watch window triggered the rollback: sample 3 (120 s into the window,"),
        result.failedGate());
    assertTrue(result.failedGate().contains("error rate 7.0 % > 5.0 % on api-1 (endpoints;"), result.failedGate());
    assertTrue(result.message().startsWith("rolled back after " + WATCH + ": the watch window triggered the rollback"),
        result.message());
    assertEquals(List.of("production-v2.4.0", "production-v2.4.0"),
        List.of(hosts.host("api-1").runningDir, hosts.host("api-2").runningDir), "every host serves its previous release");
    assertTrue(hosts.calls().contains("notify critical: Rolled back sandbox from v2.5.0"), hosts.calls().toString());
  }

  @Test
  void rollsBackByItselfWhenPrometheusShowsAP95OverFiveHundredMs() {
    watching(shortWindow("http://prometheus.internal:9090"));
    hosts.prometheusHealth = n -> n == 2 ? new double[] {0.001, 0.62} : new double[] {0.001, 0.05};

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.failedGate().contains("sample 2 (60 s into the window"), result.failedGate());
    assertTrue(result.failedGate().contains("p95 620 ms > 500 ms on all hosts (Prometheus;"), result.failedGate());
    assertTrue(hosts.calls().contains("instantQuery " + WatchSettings.RUNBOOK_ERROR_RATE_QUERY), hosts.calls().toString());
    assertEquals("production-v2.4.0", hosts.host("api-2").runningDir);
  }

  @Test
  void aPrometheusWithoutTrafficJudgesNothingAndSaysSo() {
    watching(shortWindow("http://prometheus.internal:9090"));
    hosts.prometheusHealth = n -> new double[] {Double.NaN, Double.NaN};

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    ItemCheck errors = DeploymentWorkflowTest.step(testbed, WATCH).items().get(0);
    assertEquals(ItemCheck.Status.NOT_CHECKED, errors.status());
    assertTrue(errors.detail().contains("none with traffic to judge"), errors.detail());
  }

  @Test
  void considerRollbackKeptGoesOnWatchingAndSucceeds() {
    watching(shortWindow());
    hosts.endpointHealth = n -> n == 1 ? new double[] {2, 20} : new double[] {0, 20};
    Checkpoint asked = hosts.watchFor(ASKED);
    DeploymentWorkflow run = testbed.startDeployment(DeploymentWorkflowTest.V2_5_0);
    asked.awaitReached();

    String waiting = run.progress().waitingFor();
    String recorded = run.decideRollback(new RollbackDecision("keep", "Dana", "known spike from the nightly import"));
    DeploymentResult result = testbed.resultOf(run);

    assertTrue(waiting.startsWith(WatchWindow.WAITING_FOR_DECISION + " on sample 1 (0 s into the window"), waiting);
    assertTrue(waiting.contains("error rate 2.0 % > 1.0 % on api-1") && waiting.contains("1 sample so far")
        && waiting.contains(" left)") && waiting.contains("rolls back in "), waiting);
    assertEquals("keep the release decided by Dana: known spike from the nightly import", recorded);
    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    StepResult watch = DeploymentWorkflowTest.step(testbed, WATCH);
    Evidence decision = watch.evidence().stream().filter(e -> e.action().equals("decideRollback")).findFirst().orElseThrow();
    assertEquals("keep", decision.result());
    assertTrue(decision.observed().get("on").startsWith("sample 1 "), decision.observed().toString());
    assertEquals(ItemCheck.Status.FAILED, watch.items().get(0).status(), "the error rate did rise; a person kept the release");
    assertTrue(watch.items().get(0).detail().endsWith("kept by Dana: known spike from the nightly import"),
        watch.items().toString());
    assertEquals(5, watch.evidence().stream().filter(e -> e.action().startsWith("watch window sample")).count(),
        "the window went on to its end");
  }

  @Test
  void considerRollbackDecidedRollbackRollsBackNamingTheSampleAndWho() {
    watching(shortWindow());
    hosts.endpointHealth = n -> new double[] {0, 350};
    Checkpoint asked = hosts.watchFor(ASKED);
    DeploymentWorkflow run = testbed.startDeployment(DeploymentWorkflowTest.V2_5_0);
    asked.awaitReached();

    run.decideRollback(new RollbackDecision("rollback", "Dana", "p95 doubled since the deploy"));
    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.failedGate().startsWith("rollback decided by Dana (p95 doubled since the deploy) on sample 1 "),
        result.failedGate());
    assertTrue(result.failedGate().contains("p95 350 ms > 300 ms on api-1"), result.failedGate());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir);
    assertEquals("production-v2.4.0", hosts.host("api-2").runningDir);
  }

  @Test
  void considerRollbackWithoutADecisionRollsBackWhenItsTimeIsUp() {
    watching(shortWindow());
    hosts.endpointHealth = n -> n == 2 ? new double[] {3, 20} : new double[] {0, 20};

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.failedGate().startsWith("no rollback decision within 15 min on sample 2 (60 s into the window"),
        result.failedGate());
    assertTrue(result.failedGate().endsWith("without a decision the watch window rolls back"), result.failedGate());
    assertTrue(hosts.calls().contains(ASKED), "the team was asked first");
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir);
  }

  @Test
  void aReleaseThatGetsWorseWhileADecisionIsPendingRollsBackByItself() {
    watching(shortWindow());
    hosts.endpointHealth = n -> n == 1 ? new double[] {2, 20} : new double[] {9, 20};

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.failedGate().startsWith("the watch window triggered the rollback: sample 2 "), result.failedGate());
  }

  @ParameterizedTest(name = "{0} / {1} / {2} is refused: {3}")
  @CsvSource(delimiter = '|', value = {
      "maybe    | Dana | spike  | decision \"maybe\" is not \"rollback\" or \"keep\"",
      "''       | Dana | spike  | decision is required",
      "keep     | ''   | spike  | approver is required",
      "rollback | Dana | ''     | reason is required"})
  void aBadDecisionIsRejectedByTheValidatorNamingTheField(String decision, String approver, String reason, String problem) {
    watching(shortWindow());
    hosts.endpointHealth = n -> n == 1 ? new double[] {2, 20} : new double[] {0, 20};
    Checkpoint asked = hosts.watchFor(ASKED);
    DeploymentWorkflow run = testbed.startDeployment(DeploymentWorkflowTest.V2_5_0);
    asked.awaitReached();

    WorkflowUpdateException rejected = assertThrows(WorkflowUpdateException.class,
        () -> run.decideRollback(new RollbackDecision(decision, approver, reason)));

    assertTrue(rejected.getCause().getMessage().contains("rollback decision is invalid: " + problem),
        rejected.getCause().getMessage());
    assertTrue(run.progress().waitingFor().startsWith(WatchWindow.WAITING_FOR_DECISION), "still waiting for a valid one");
  }

  @Test
  void aDecisionWhileNothingIsAskedIsRejected() {
    watching(shortWindow());
    Checkpoint sampled = hosts.watchFor("sampleEndpoints");
    DeploymentWorkflow run = testbed.startDeployment(DeploymentWorkflowTest.V2_5_0);
    sampled.awaitReached();

    WorkflowUpdateException rejected = assertThrows(WorkflowUpdateException.class,
        () -> run.decideRollback(new RollbackDecision("rollback", "Dana", "just in case")));

    assertTrue(rejected.getCause().getMessage().contains(AwaitedDecision.NOT_WAITING_FOR_ROLLBACK), rejected.getCause().getMessage());
  }

  @Test
  void theRequestOverridesTheEnvironmentsWindow() {
    watching(WatchSettings.runbookDefaults());

    DeploymentResult off = testbed.deploy(DeploymentWorkflowTest.V2_5_0.withWatch("off"));

    assertEquals(Outcome.SUCCEEDED, off.outcome(), off.message());
    StepResult watch = DeploymentWorkflowTest.step(off, WATCH);
    assertEquals(StepStatus.SKIPPED, watch.status());
    assertEquals("watch: off in the request: the release is not watched after Step 10", watch.summary());
    assertEquals(0, hosts.calls().stream().filter(c -> c.startsWith("sampleEndpoints")).count());
  }

  @Test
  void aShorterWindowInTheRequestTakesFewerSamples() {
    watching(WatchSettings.runbookDefaults());

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0.withWatch("90s"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    String summary = DeploymentWorkflowTest.step(testbed, WATCH).summary();
    assertTrue(summary.startsWith("4 samples over 90 s"), summary);
  }

  /** 4 minutes, a sample a minute: samples 1 to 5, at 0, 60, 120, 180 and 240 s. */
  static WatchSettings shortWindow() {
    return shortWindow(null);
  }

  static WatchSettings shortWindow(String prometheusUrl) {
    return new WatchSettings(4, 60, null, null, null, null, null, null, prometheusUrl, null, null);
  }
}
