package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.e2e.Await;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RUNBOOK_DEPLOYMENT.md against real hosts over real SSH: a good release and every kind of bad
 * release end in the right outcome, and the hosts are checked directly (symlink, config, service,
 * what /status answers) rather than through the workflow's own report. Subclasses choose the SSH
 * server (embedded Apache MINA SSHD or OpenSSH sshd).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeploymentOverSshContract {

  final SandboxTestbed bed;

  DeploymentOverSshContract(boolean openssh, int subnet) throws Exception {
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-it-"), 2, openssh, subnet);
    twoStartAttempts(bed.sandbox.environmentFile());
  }

  /**
   * Step 5 gives up after 2 starts instead of the runbook's 3. The releases that never become ready
   * (WONT_START, NEVER_READY) wait out the whole startup timeout on every attempt, so the third one
   * only added 8 s to each of them; 2 still start, stop and start again over real SSH before giving
   * up (the count itself is the workflow tests' business: DeploymentRollbackTest, 3 attempts), and
   * a good release is ready at its first.
   */
  private static void twoStartAttempts(Path environmentFile) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(environmentFile.toFile());
    ((ObjectNode) env.get("thresholds")).put("startAttempts", 2);
    yaml.writeValue(environmentFile.toFile(), env);
  }

  @AfterAll
  void stopSandbox() {
    bed.close();
  }

  @Test
  @Order(1)
  void goodReleaseSucceedsAndEveryHostServesIt() throws Exception {
    bed.sandbox.stageRelease("v2.5.0");

    DeploymentResult result = deploy("v2.5.0");

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo("production-v2.5.0");
      assertThat(Files.readString(host.releaseDir("v2.5.0").resolve(".env")))
          .isEqualTo(Files.readString(host.deployRoot().resolve("config/production/.env")));
      assertThat(bed.sandbox.serviceRunning(host)).isTrue();
      assertThat(bed.sandbox.status(host).overallReady()).isTrue();
      assertThat(bed.sandbox.status(host).version()).isEqualTo("v2.5.0");
    }
    assertThat(result.previousVersions()).containsValue("v2.4.0");
  }

  @ParameterizedTest(name = "{0} release fails {1} and is rolled back")
  @Order(2)
  @CsvSource({
      "SCENE_500,   v2.6.1, Step 7",
      "SLOW,        v2.6.2, Step 8",
      "ERROR_LOG,   v2.6.3, Step 10",
      "WONT_START,  v2.6.4, Step 5",
      "NEVER_READY, v2.6.5, Step 5"})
  void badReleaseIsRolledBackAndThePreviousReleaseServesAgain(Fault fault, String version, String failingStep)
      throws Exception {
    String before = bed.sandbox.currentRelease(bed.sandbox.hosts().get(0));
    String servedVersion = bed.sandbox.status(bed.sandbox.hosts().get(0)).version();
    bed.sandbox.stageRelease(version, fault, FaultScope.PRODUCTION);

    DeploymentResult result = deploy(version);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).startsWith(failingStep);
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo(before);
      assertThat(bed.sandbox.serviceRunning(host)).isTrue();
      assertThat(bed.sandbox.status(host).overallReady()).isTrue();
      assertThat(bed.sandbox.status(host).version()).isEqualTo(servedVersion);
    }
  }

  @ParameterizedTest(name = "version \"{0}\" is rejected before any command runs")
  @Order(3)
  @ValueSource(strings = {"v1;rm -rf /", "$(touch x)", "../../etc", "v2.5.0`id`", ""})
  void unsafeVersionIsRejectedBeforeAnyCommandRuns(String version) throws Exception {
    bed.sandbox.clearCommandLogs();

    ApplicationFailure failure = failureOf(() -> deploy(version));

    assertThat(failure.getType()).isEqualTo("InvalidInput");
    assertThat(failure.getOriginalMessage()).contains("version");
    assertNoCommandRan();
  }

  @Test
  @Order(4)
  void unknownEnvironmentIsRejectedBeforeAnyCommandRuns() throws Exception {
    bed.sandbox.clearCommandLogs();

    DeploymentResult result = start(DeploymentRequest.of("nowhere", "v2.5.0"));

    assertThat(result.outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(result.message()).contains("nowhere").contains("it");
    assertNoCommandRan();
  }

  @Test
  @Order(5)
  void emergencyRollbackRestoresThePreviousRelease() throws Exception {
    String current = bed.sandbox.currentRelease(bed.sandbox.hosts().get(0));
    String backup = Files.readSymbolicLink(bed.sandbox.hosts().get(0).deployRoot().resolve("production.backup")).toString();

    RollbackResult result = bed.client().newWorkflowStub(RollbackWorkflow.class, options("rollback"))
        .rollback(new RollbackRequest("it", "error rate 7% after " + current, "", "it"));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo(backup);
      assertThat(bed.sandbox.status(host).overallReady()).isTrue();
      assertThat(bed.sandbox.status(host).version()).isEqualTo(backup.substring("production-".length()));
    }
  }

  @Test
  @Order(6)
  void aSecondRollbackNeverRedeploysTheReleaseTheFirstRolledBack() throws Exception {
    bed.sandbox.stageRelease("v2.7.0");
    assertThat(deploy("v2.7.0").outcome()).isEqualTo(Outcome.SUCCEEDED);
    SandboxHost first = bed.sandbox.hosts().get(0);

    RollbackResult once = rollback("error rate 7% after v2.7.0");
    String restored = bed.sandbox.currentRelease(first);
    RollbackResult twice = rollback("error rate 7% after v2.7.0 (a retrying bot)");

    assertThat(once.outcome()).as(once.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(restored).isNotEqualTo("production-v2.7.0");
    assertThat(twice.outcome()).as(twice.report()).isEqualTo(Outcome.ABORTED);
    assertThat(twice.message()).contains("nothing to roll back to on " + first.name() + ": " + restored)
        .contains("production-v2.7.0 was rolled back by");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo(restored);
      assertThat(bed.sandbox.status(host).version()).isNotEqualTo("v2.7.0");
      assertThat(Files.readAllLines(host.deployRoot().resolve("release-history.tsv")))
          .anyMatch(line -> line.contains("\trollback\t" + restored + "\tproduction-v2.7.0\t"));
    }
  }

  @Test
  @Order(7)
  void aRebuildOfTheServedVersionIsDeployedBesideItAndItsRollbackServesTheOldContent() throws Exception {
    SandboxHost first = bed.sandbox.hosts().get(0);
    String served = bed.sandbox.currentRelease(first);
    String version = bed.sandbox.status(first).version();
    bed.sandbox.stageRelease(version, Fault.SCENE_500, FaultScope.PRODUCTION);

    DeploymentResult result = deploy(version);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).startsWith("Step 7");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo(served);
      assertThat(bed.sandbox.servingRelease(host)).as("the process that answers runs from the old release")
          .isEqualTo(served);
      assertThat(Files.readString(host.deployRoot().resolve(served).resolve("release.json"))).contains("\"none\"");
    }
    // The host's history names where the rebuild went: the directory its undo moved away from.
    List<String> history = Files.readAllLines(first.deployRoot().resolve("release-history.tsv"));
    String[] undo = history.get(history.size() - 1).split("\t");
    assertThat(undo[1]).isEqualTo("undo");
    assertThat(undo[2]).isEqualTo(served);
    assertThat(undo[3]).as("the rebuild went into a directory of its own").startsWith(served.replaceFirst("\\+\\d+$", "") + "+")
        .isNotEqualTo(served);
    assertThat(Files.readString(first.deployRoot().resolve(undo[3]).resolve("release.json"))).contains("scene-500");
    assertThat(result.report()).contains("runs from").contains(served);
  }

  @Test
  @Order(8)
  void anUndoKeepsTryingWhileTheHostRefusesSshAndTheRunStillEndsRolledBack() throws Exception {
    SandboxHost first = bed.sandbox.hosts().get(0);
    String before = bed.sandbox.currentRelease(first);
    bed.sandbox.stageRelease("v2.8.0", Fault.SLOW, FaultScope.PRODUCTION);
    DeploymentWorkflow run = bed.client().newWorkflowStub(DeploymentWorkflow.class, options("deploy"));
    WorkflowClient.start(run::deploy, DeploymentRequest.of("it", "v2.8.0"));

    // Step 8 only probes over HTTP and, with this release, takes seconds: SSH goes down under it,
    // so the rollback its failure starts meets a host that refuses SSH.
    awaitProgress(run, p -> p.currentStep().equals("Step 8: Performance Verification [" + first.name() + "]"));
    bed.sandbox.stopSsh(first);
    // SSH comes back once the undo has failed twice: each of its attempts is an activity that fails
    // only after its own retries (3 tries, 1 s then 2 s apart), so the host has refused SSH for longer
    // than any one activity's retries, and only the undo's own retry can still end the run well.
    // (A fixed 20 s outage on top of that only added the undo's longer pauses, 4 s and 8 s, to the run.)
    awaitProgress(run, p -> p.waitingFor().contains("attempt 2 failed"));
    bed.sandbox.startSsh(first);
    DeploymentResult result = WorkflowStub.fromTyped(run).getResult(DeploymentResult.class);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(bed.sandbox.currentRelease(first)).isEqualTo(before);
    assertThat(bed.sandbox.servingRelease(first)).isEqualTo(before);
    assertThat(bed.sandbox.status(first).overallReady()).isTrue();
    assertThat(run.progress().steps()).as("each failed attempt is in the undo's evidence")
        .anyMatch(s -> s.status() == StepStatus.COMPENSATED && s.summary().contains("(attempt ")
            && s.evidence().stream().anyMatch(e -> e.action().startsWith("attempt 1 of ")
                && e.output().contains("cannot reach host " + first.name())));
  }

  /** Until the run's progress query shows {@code condition}; a run that ends first fails the test. */
  private static void awaitProgress(DeploymentWorkflow run, Predicate<Progress> condition) throws InterruptedException {
    Await.condition("the deployment's progress", Duration.ofMinutes(2), () -> {
      Progress now = run.progress();
      if (condition.test(now)) {
        return true;
      }
      if (now.outcome() != null) {
        throw new IllegalStateException("the run ended (" + now.outcome() + ") first");
      }
      return false;
    });
  }

  private RollbackResult rollback(String reason) {
    return bed.client().newWorkflowStub(RollbackWorkflow.class, options("rollback"))
        .rollback(new RollbackRequest("it", reason, "", "it"));
  }

  private DeploymentResult deploy(String version) {
    return start(DeploymentRequest.of("it", version));
  }

  DeploymentResult start(DeploymentRequest request) {
    return bed.client().newWorkflowStub(DeploymentWorkflow.class, options("deploy")).deploy(request);
  }

  private static WorkflowOptions options(String prefix) {
    return WorkflowOptions.newBuilder().setTaskQueue(SandboxTestbed.TASK_QUEUE)
        .setWorkflowId(prefix + "-" + UUID.randomUUID()).build();
  }

  private static ApplicationFailure failureOf(Runnable run) {
    try {
      run.run();
    } catch (WorkflowFailedException e) {
      Throwable cause = e.getCause();
      assertThat(cause).isInstanceOf(ApplicationFailure.class);
      return (ApplicationFailure) cause;
    }
    throw new AssertionError("the workflow was expected to fail");
  }

  private void assertNoCommandRan() throws Exception {
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.commandLog(host)).as("commands received by " + host.name()).isEmpty();
    }
  }
}
