package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.RolloutSettings;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.spacetime.runbook.testing.SandboxEnvironment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Canary and rolling batches (issue 12, section 2) on six fake hosts: order, hosts of a batch side
 * by side, the failure threshold, the canary, the pause between batches and its approval.
 */
class RolloutTest {

  static final DeploymentRequest CANARY_THEN_PAIRS =
      DeploymentRequest.of("sandbox", "v2.5.0").withWatch("off").withRollout(1, "2", "", "");

  /** The notice of an approval pause, sent once the run accepts continueRollout. */
  static final String ASKED = "notify warning: Deployment v2.5.0 to sandbox: approve batch 1 of 1";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @BeforeEach
  void sixHosts() {
    hosts.environment.withHosts(IntStream.rangeClosed(1, 6)
        .mapToObj(i -> SandboxEnvironment.host("api-" + i, "10.0.1." + (50 + i))).toArray(Host[]::new));
  }

  @Test
  void theCanaryThenBatchesDeployEveryHostEachInItsOwnChildWorkflow() {
    DeploymentResult result = testbed.deploy(CANARY_THEN_PAIRS);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    List<String> labels = testbed.deploymentSteps().stream().map(StepResult::label).toList();
    List<String> rollout = labels.stream().filter(l -> l.startsWith("Rollout")).toList();
    assertEquals(List.of("Rollout Plan", "Rollout: canary", "Rollout: batch 1 of 3", "Rollout: batch 2 of 3",
        "Rollout: batch 3 of 3"), rollout);
    // Each host's Steps 2-9 come before the batch that judged them, the canary's before batch 1's.
    assertTrue(labels.indexOf("Step 9: Load Balancer Integration [api-1]") < labels.indexOf("Rollout: canary"), labels.toString());
    assertTrue(labels.indexOf("Rollout: canary") < labels.indexOf("Step 2: Stop Current Production Service [api-2]"));
    assertTrue(labels.indexOf("Step 9: Load Balancer Integration [api-5]") < labels.indexOf("Rollout: batch 2 of 3"),
        labels.toString());
    for (int i = 1; i <= 6; i++) {
      assertEquals("production-v2.5.0", hosts.host("api-" + i).runningDir, "api-" + i);
      String child = RunbookTestbed.DEPLOYMENT_ID + "/api-" + i;
      assertEquals("HostDeploymentWorkflow", testbed.client().newUntypedWorkflowStub(child).describe().getWorkflowType());
    }
    String plan = testbed.deploymentSteps().get(labels.indexOf("Rollout Plan")).summary();
    assertTrue(result.steps().stream().noneMatch(s -> s.label().startsWith("Step 5")),
        "the result leaves out the hosts' passed steps: " + result.steps().size() + " steps");
    assertTrue(plan.contains("canary 1, batches of 2, at most 0 failed hosts, pause none"), plan);
  }

  @Test
  void theHostsOfABatchRunSideBySide() throws Exception {
    // api-2 waits in Step 5 while api-3, of the same batch, reaches Step 5 too: they run in parallel.
    Checkpoint api2 = hosts.pauseAt("startService api-2");
    Checkpoint api3 = hosts.watchFor("startService api-3");
    DeploymentWorkflow run = testbed.startDeployment(CANARY_THEN_PAIRS);

    api2.awaitReached();
    api3.awaitReached();
    api2.release();

    assertEquals(Outcome.SUCCEEDED, testbed.resultOf(run).outcome());
  }

  @Test
  void aFailedCanaryTouchesNoOtherHost() {
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(CANARY_THEN_PAIRS.withRollout(1, "2", "2", ""));

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("Rollout: canary", result.failedStep());
    assertTrue(result.failedGate().contains("the canary failed (api-1: Step 7: Functional Testing [api-1]"),
        result.failedGate());
    assertEquals("production-v2.4.0", hosts.host("api-1").runningDir);
    assertTrue(hosts.changes().stream().noneMatch(c -> c.matches("\\w+ api-[2-6].*")), hosts.changes().toString());
  }

  @Test
  void pastTheThresholdEverySwitchedHostRollsBackInReverse() {
    // Batches of 2 after the canary, one failure tolerated: api-4 fails in batch 2 (the first
    // failure, tolerated), api-6 in batch 3 (the second, one too many).
    hosts.host("api-4").release("v2.5.0").sceneLoadStatus = 500;
    hosts.host("api-6").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(CANARY_THEN_PAIRS.withRollout(1, "2", "1", ""));

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("Rollout: batch 3 of 3", result.failedStep());
    assertTrue(result.failedGate().startsWith("2 hosts failed, more than the 1 tolerated (api-4, api-6"), result.failedGate());
    for (int i = 1; i <= 6; i++) {
      FakeHostAssert.servesPrevious(hosts, "api-" + i);
    }
    // Undone in reverse of deployment: api-5, api-3, api-2, api-1 (api-4 and api-6 undid themselves).
    List<String> undone = result.steps().stream()
        .filter(s -> s.status() == StepStatus.COMPENSATED && s.title().startsWith("Rollback: roll back"))
        .map(StepResult::host).toList();
    assertEquals(List.of("api-6", "api-5", "api-4", "api-3", "api-2", "api-1"), undone);
    String report = testbed.deploymentReport();
    assertTrue(report.contains("already rolled back by its own workflow"), report);
    for (String host : List.of("api-1", "api-2", "api-3", "api-5")) {
      String child = RunbookTestbed.DEPLOYMENT_ID + "/" + host + "/rollback";
      assertEquals("HostRollbackWorkflow", testbed.client().newUntypedWorkflowStub(child).describe().getWorkflowType());
    }
  }

  @Test
  void belowTheThresholdTheFailedHostIsRolledBackAndTheRunSaysSo() {
    hosts.host("api-3").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(CANARY_THEN_PAIRS.withRollout(1, "2", "20%", ""));

    assertEquals(Outcome.PARTIALLY_DEPLOYED, result.outcome(), result.message());
    assertEquals(4, result.outcome().exitCode());
    assertTrue(result.message().contains("1 hosts failed below the rollout's threshold, were rolled back and serve their"
        + " previous release: api-3 (Step 7: Functional Testing [api-3]"), result.message());
    FakeHostAssert.servesPrevious(hosts, "api-3");
    for (String host : List.of("api-1", "api-2", "api-4", "api-5", "api-6")) {
      assertEquals("production-v2.5.0", hosts.host(host).runningDir, host);
    }
  }

  @Test
  void aTimedPauseWaitsBetweenBatches() {
    DeploymentWorkflow run = testbed.startDeployment(CANARY_THEN_PAIRS.withRollout(1, "50%", "", "10m"));
    Checkpoint batch1 = hosts.watchFor("stopService api-2");

    DeploymentResult result = testbed.resultOf(run);

    batch1.awaitReached();
    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    StepResult pause = result.steps().stream().filter(s -> s.label().equals("Rollout: pause before batch 1 of 2"))
        .findFirst().orElseThrow();
    assertTrue(pause.finishedAt() - pause.startedAt() >= Duration.ofMinutes(10).toMillis(), pause.toString());
  }

  @Test
  void anApprovalPauseGoesOnWhenApproved() {
    Checkpoint asked = hosts.watchFor(ASKED);
    DeploymentWorkflow run = testbed.startDeployment(CANARY_THEN_PAIRS.withRollout(1, "5", "", "approval"));
    asked.awaitReached();
    assertTrue(run.progress().waitingFor().startsWith("waiting for continueRollout before batch 1 of 1"),
        run.progress().waitingFor());
    assertTrue(hosts.changes().stream().noneMatch(c -> c.contains("api-2")), "batch 1 waits for the approval");

    String answer = run.continueRollout(new RolloutApproval("continue", "Dana", "canary looks fine"));

    assertEquals("continue the rollout decided by Dana: canary looks fine", answer);
    assertEquals(Outcome.SUCCEEDED, testbed.resultOf(run).outcome());
    assertEquals("production-v2.5.0", hosts.host("api-6").runningDir);
  }

  @Test
  void anUnansweredApprovalRollsTheCanaryBack() {
    hosts.environment.withRollout(new RolloutSettings(1, "5", "0", "approval", 30));
    Checkpoint asked = hosts.watchFor(ASKED);
    DeploymentWorkflow run = testbed.startDeployment(DeploymentRequest.of("sandbox", "v2.5.0").withWatch("off"));
    asked.awaitReached();
    testbed.sleep(Duration.ofMinutes(31));

    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("Rollout: pause before batch 1 of 1", result.failedStep());
    assertTrue(result.failedGate().contains("no continueRollout within 30 min"), result.failedGate());
    FakeHostAssert.servesPrevious(hosts, "api-1");
    assertTrue(hosts.changes().stream().noneMatch(c -> c.contains("api-2")), hosts.changes().toString());
  }

  @Test
  void anApprovalIsRefusedWhenIncompleteOrWhenNothingWaitsForIt() {
    Checkpoint canary = hosts.pauseAt("startService api-1");
    Checkpoint asked = hosts.watchFor(ASKED);
    DeploymentWorkflow run = testbed.startDeployment(CANARY_THEN_PAIRS.withRollout(1, "5", "", "approval"));
    canary.awaitReached();

    WorkflowUpdateException early = assertThrows(WorkflowUpdateException.class,
        () -> run.continueRollout(new RolloutApproval("continue", "Dana", "too early")));
    assertTrue(early.getCause().getMessage().contains(AwaitedDecision.NOT_WAITING_FOR_ROLLOUT), early.getCause().getMessage());
    canary.release();
    asked.awaitReached();
    WorkflowUpdateException typo = assertThrows(WorkflowUpdateException.class,
        () -> run.continueRollout(new RolloutApproval("contnue", "", "")));
    assertTrue(typo.getCause().getMessage().contains("decision \"contnue\" is not \"continue\" or \"rollback\""),
        typo.getCause().getMessage());
    assertTrue(typo.getCause().getMessage().contains("approver"), typo.getCause().getMessage());

    run.continueRollout(new RolloutApproval("rollback", "Dana", "canary error budget burnt"));
    DeploymentResult result = testbed.resultOf(run);
    assertEquals(Outcome.ROLLED_BACK, result.outcome());
    assertTrue(result.failedGate().contains("rollback decided by Dana: canary error budget burnt"), result.failedGate());
  }

  @Test
  void theWatchWindowRollsEveryHostOfTheRolloutBack() {
    hosts.environment.withWatch(WatchWindowTest.shortWindow());
    hosts.endpointHealth = n -> n == 2 ? new double[] {7, 20} : new double[] {0, 20};

    DeploymentResult result = testbed.deploy(CANARY_THEN_PAIRS.withWatch(""));

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("Post-Deployment Validation: Watch Window", result.failedStep());
    for (int i = 1; i <= 6; i++) {
      FakeHostAssert.servesPrevious(hosts, "api-" + i);
      String child = RunbookTestbed.DEPLOYMENT_ID + "/api-" + i + "/rollback";
      assertEquals("HostRollbackWorkflow", testbed.client().newUntypedWorkflowStub(child).describe().getWorkflowType());
    }
  }

  @Test
  void aHostThatCannotBeRestoredStopsTheRolloutWhateverTheThresholdAndIsNamed() {
    // api-3 fails Step 7 and its own undo cannot start the previous release: its state is unknown.
    hosts.host("api-3").release("v2.5.0").sceneLoadStatus = 500;
    hosts.host("api-3").release("v2.4.0").starts = false;

    DeploymentResult result = testbed.deploy(CANARY_THEN_PAIRS.withRollout(1, "2", "3", ""));

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    assertEquals("Rollout: batch 1 of 3", result.failedStep());
    assertTrue(result.failedGate().startsWith("a host could not be restored (api-3: Step 7: Functional Testing [api-3]"),
        result.failedGate());
    assertTrue(result.message().contains("[api-3] failed: state unknown, check the host by hand: Step 7: Functional"
        + " Testing [api-3]"), result.message());
    for (String host : List.of("api-1", "api-2")) {
      FakeHostAssert.servesPrevious(hosts, host);
    }
    assertTrue(hosts.changes().stream().noneMatch(c -> c.matches("\\w+ api-[4-6].*")), "the next batches never start");
  }

  @Test
  void anAbortMidBatchUndoesTheHostsInFlightAndTheDeployedOnes() {
    Checkpoint api2 = hosts.pauseAt("startService api-2");
    Checkpoint api3 = hosts.pauseAt("startService api-3");
    DeploymentWorkflow run = testbed.startDeployment(CANARY_THEN_PAIRS);
    api2.awaitReached();
    api3.awaitReached();

    WorkflowStub.fromTyped(run).signal("abort", new AbortReason("wrong build"));
    // Released once each child has asked to cancel its running start: the time-skipping test
    // server cannot cancel an activity in the task where it completes (sdk-java#2391).
    awaitEvent(RunbookTestbed.DEPLOYMENT_ID + "/api-2", EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
    awaitEvent(RunbookTestbed.DEPLOYMENT_ID + "/api-3", EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
    api2.release();
    api3.release();
    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.CANCELLED, result.outcome(), result.message());
    for (int i = 1; i <= 6; i++) {
      FakeHostAssert.servesPrevious(hosts, "api-" + i);
    }
    assertTrue(hosts.changes().stream().noneMatch(c -> c.matches("\\w+ api-[4-6].*")), "the next batches never start");
    String report = testbed.deploymentReport();
    assertTrue(report.contains("the deployment stopped: aborted by an operator: wrong build"), report);
  }

  /** Waits (a bounded poll of the run's history) until {@code workflowId} has an event of {@code type}. */
  private void awaitEvent(String workflowId, EventType type) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (testbed.client().fetchHistory(workflowId).getEvents().stream().noneMatch(e -> e.getEventType() == type)) {
      assertTrue(System.nanoTime() < deadline, workflowId + " never recorded " + type);
      Thread.onSpinWait();
    }
  }

  /** A host is back on its previous release, served from its directory. */
  static final class FakeHostAssert {
    static void servesPrevious(FakeEnvironmentHosts hosts, String host) {
      assertEquals("production-v2.4.0", hosts.host(host).runningDir, host + " serves its previous release");
      assertEquals("production-v2.4.0", hosts.host(host).productionLink, host + "'s production link");
      assertTrue(hosts.host(host).serviceActive, host + " runs");
    }
  }
}
