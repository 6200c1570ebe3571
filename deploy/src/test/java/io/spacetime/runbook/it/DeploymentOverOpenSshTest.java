package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
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
