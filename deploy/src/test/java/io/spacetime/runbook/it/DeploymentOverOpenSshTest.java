package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The deployment contract against real OpenSSH sshd hosts (installed by .ci/run). */
class DeploymentOverOpenSshTest extends DeploymentOverSshContract {
  DeploymentOverOpenSshTest() throws Exception {
    super(requireSshd(), 72);
  }

  /**
   * Every start (staging in 4.1, the service in Step 5) loses its connection after it did its work:
   * Temporal retries the activity, the retry finds the service running and does not start it again.
   */
  @Test
  @Order(6)
  void startsWhoseConnectionDiesAreRetriedWithoutStartingTwice() throws Exception {
    String lossy = "it-lossy";
    writeEnvironmentWhoseStartsKillTheirConnection(lossy);
    bed.sandbox.stageRelease("v2.7.0");
    bed.sandbox.clearCommandLogs();

    DeploymentResult result = start(DeploymentRequest.of(lossy, "v2.7.0"));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.commandLog(host).stream().filter(c -> c.contains("spacetime-service start &&")).count())
          .as("service starts received by " + host.name()).isEqualTo(1);
      assertThat(bed.sandbox.status(host).version()).isEqualTo("v2.7.0");
    }
    assertThat(bed.sandbox.commandLog(bed.sandbox.hosts().get(0)).stream()
        .filter(c -> c.contains("spacetime-service staging-start &&")).count())
        .as("staging starts received").isEqualTo(1);
  }

  /**
   * Last, since it leaves a host in a state nobody knows: both hosts in one batch, host 2's sshd
   * stopped while its Steps 6-8 run. Its Step 8 fails after the activity's bounded retries, its own
   * undo tries for 15 s ({@code rollback.retrySeconds: 15}) and its other undos are not
   * attempted; host 1, which still answers, is rolled back and verified by the deployment; host 2
   * is reported "state unknown, check the host by hand" with what was done to it.
   */
  @Test
  @Order(9)
  void aHostWhoseSshdStopsMidBatchIsReportedUnknownAndTheOtherIsRolledBack() throws Exception {
    String batch = "it-one-batch";
    writeEnvironmentOfOneBatch(batch);
    SandboxHost kept = bed.sandbox.hosts().get(0);
    SandboxHost lost = bed.sandbox.hosts().get(1);
    String before = bed.sandbox.currentRelease(kept);
    String servedVersion = bed.sandbox.status(kept).version();
    bed.sandbox.stageRelease("v2.9.0");
    String id = "deploy-lost-" + UUID.randomUUID();
    DeploymentWorkflow run = bed.client().newWorkflowStub(DeploymentWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(SandboxTestbed.TASK_QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(run::deploy, DeploymentRequest.of(batch, "v2.9.0"));
    try {
      HostStep.await(bed.client(), run, id, lost, HostStep::beforeItsLastSshRead);
      bed.sandbox.stopSsh(lost);
      DeploymentResult result = WorkflowStub.fromTyped(run).getResult(DeploymentResult.class);

      assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLBACK_FAILED);
      assertThat(result.failedGate()).contains("a host could not be restored (" + lost.name() + ": Step 8")
          .contains(lost.name() + ": state unknown, check the host by hand");
      assertThat(result.message()).contains("state unknown, check the host by hand")
          .contains("done to it: Step 2: Stop Current Production Service [" + lost.name() + "]")
          .contains("Step 8: Performance Verification [" + lost.name() + "] failed")
          .contains("(release production-v2.9.0, previously ");
      assertThat(result.steps()).as("bounded: the lost host's later undos are not attempted")
          .anyMatch(s -> s.host().equals(lost.name()) && s.summary().startsWith("not attempted: " + lost.name()
              + " did not answer SSH for "));
      assertThat(bed.sandbox.currentRelease(kept)).isEqualTo(before);
      assertThat(bed.sandbox.servingRelease(kept)).isEqualTo(before);
      assertThat(bed.sandbox.status(kept).overallReady()).isTrue();
      assertThat(bed.sandbox.status(kept).version()).isEqualTo(servedVersion);
    } finally {
      bed.sandbox.startSsh(lost);
    }
  }

  /** A second environment file for the same hosts: both in one batch, an undo's patience of 15 s. */
  private void writeEnvironmentOfOneBatch(String name) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    Path file = bed.sandbox.environmentFile();
    ObjectNode env = (ObjectNode) yaml.readTree(file.toFile());
    env.put("name", name);
    env.putObject("rollout").put("canary", 0).put("batchSize", "2").put("maxFailures", "1");
    env.putObject("rollback").put("retrySeconds", 15);
    yaml.writeValue(file.resolveSibling(name + ".yaml").toFile(), env);
  }

  private void writeEnvironmentWhoseStartsKillTheirConnection(String name) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    Path file = bed.sandbox.environmentFile();
    ObjectNode env = (ObjectNode) yaml.readTree(file.toFile());
    env.put("name", name);
    ObjectNode service = (ObjectNode) env.get("service");
    service.put("start", service.get("start").asText() + " && " + LostConnectionOverOpenSshTest.KILL_MY_CONNECTION);
    ObjectNode staging = (ObjectNode) env.get("staging");
    staging.put("start", staging.get("start").asText() + " && " + LostConnectionOverOpenSshTest.KILL_MY_CONNECTION);
    yaml.writeValue(file.resolveSibling(name + ".yaml").toFile(), env);
  }

  private static boolean requireSshd() {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "openssh-server not installed (bash .ci/run installs it)");
    return true;
  }
}
