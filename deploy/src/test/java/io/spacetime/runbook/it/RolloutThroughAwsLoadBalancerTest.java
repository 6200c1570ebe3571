package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.sandbox.aws.MotoServer;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * A rollout (canary 1, then batches of 2, one failed host tolerated) on six real sandbox hosts
 * (MINA SSHD, the stand-in service) behind an ELBv2 target group on moto: a good release reaches
 * every host with every target registered and healthy; a canary that fails leaves the five other
 * hosts untouched; a third batch that crosses the threshold rolls every switched host back, each
 * serving its previous release and registered and healthy again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutThroughAwsLoadBalancerTest {

  static final String REGION = "us-east-1";
  static final int HOSTS = 6;

  final MotoServer moto = MotoServer.shared();
  final AwsClients aws = new AwsClients();
  final SandboxTestbed bed;
  final Map<String, String> instances = new LinkedHashMap<>();
  final String targetGroup;

  RolloutThroughAwsLoadBalancerTest() throws Exception {
    moto.reset();
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-rollout-it-"), HOSTS, false, 79);
    String vpc = aws.ec2(REGION, moto.endpoint()).createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    for (SandboxHost host : bed.sandbox.hosts()) {
      instances.put(host.name(), aws.ec2(REGION, moto.endpoint()).runInstances(r -> r.imageId("ami-12345678")
          .minCount(1).maxCount(1)).instances().get(0).instanceId());
    }
    targetGroup = elbv2().createTargetGroup(r -> r.name("spacetime-rollout").protocol(ProtocolEnum.HTTP).port(8080)
        .vpcId(vpc).healthCheckPath("/status")).targetGroups().get(0).targetGroupArn();
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(bed.sandbox.environmentFile().toFile());
    env.putObject("aws").put("region", REGION).put("endpointUrl", moto.endpoint());
    env.putObject("loadBalancer").put("type", "aws").put("targetGroupArn", targetGroup)
        .put("healthTimeoutSeconds", 20).put("drainTimeoutSeconds", 20);
    env.putObject("rollout").put("canary", 1).put("batchSize", "2").put("maxFailures", "1");
    env.withArray("hosts").forEach(h -> ((ObjectNode) h).put("loadBalancerTargetId", instances.get(h.get("name").asText())));
    yaml.writeValue(bed.sandbox.environmentFile().toFile(), env);
  }

  @AfterAll
  void stop() {
    bed.close();
    aws.close();
  }

  @Test
  @Order(1)
  void aGoodReleaseReachesEveryHostBatchByBatchWithEveryTargetHealthy() throws Exception {
    bed.sandbox.stageRelease("v2.5.0");

    DeploymentResult result = deploy("v2.5.0");

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.steps().stream().map(s -> s.label()).filter(l -> l.startsWith("Rollout")))
        .containsExactly("Rollout Plan", "Rollout: canary", "Rollout: batch 1 of 3", "Rollout: batch 2 of 3",
            "Rollout: batch 3 of 3");
    assertThat(targetStates()).containsOnly("healthy").hasSize(HOSTS);
    assertThat(versions()).containsOnly("v2.5.0");
  }

  @Test
  @Order(2)
  void aFailedCanaryLeavesTheOtherHostsUntouched() throws Exception {
    List<SandboxHost> hosts = bed.sandbox.hosts();
    bed.sandbox.stageRelease("v2.6.0");
    bed.sandbox.stageRelease("v2.6.0", Fault.SCENE_500, FaultScope.PRODUCTION, hosts.subList(0, 1));

    DeploymentResult result = deploy("v2.6.0");

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).isEqualTo("Rollout: canary");
    assertThat(result.failedGate()).contains("the canary failed (" + hosts.get(0).name() + ": Step 7: Functional Testing");
    assertThat(result.steps()).noneMatch(s -> s.label().startsWith("Step 2") && !s.host().equals(hosts.get(0).name()));
    assertThat(versions()).containsOnly("v2.5.0");
    assertThat(targetStates()).containsOnly("healthy").hasSize(HOSTS);
  }

  @Test
  @Order(3)
  void aThirdBatchPastTheThresholdRollsEverySwitchedHostBackIntoTheLoadBalancer() throws Exception {
    List<SandboxHost> hosts = bed.sandbox.hosts();
    // Batch 2 (hosts 4 and 5): host 4 fails, the one failure tolerated; batch 3 (host 6) fails too.
    bed.sandbox.stageRelease("v2.6.0");
    bed.sandbox.stageRelease("v2.6.0", Fault.SCENE_500, FaultScope.PRODUCTION, List.of(hosts.get(3), hosts.get(5)));

    DeploymentResult result = deploy("v2.6.0");

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).isEqualTo("Rollout: batch 3 of 3");
    assertThat(result.failedGate()).startsWith("2 hosts failed, more than the 1 tolerated");
    assertThat(versions()).containsOnly("v2.5.0");
    assertThat(targetStates()).containsOnly("healthy").hasSize(HOSTS);
  }

  private List<String> versions() throws Exception {
    List<String> versions = new ArrayList<>();
    for (SandboxHost host : bed.sandbox.hosts()) {
      versions.add(bed.sandbox.status(host).version());
    }
    return versions;
  }

  private List<String> targetStates() {
    return DeploymentThroughAwsLoadBalancerTest.targetStates(elbv2(), targetGroup, instances.values());
  }

  private ElasticLoadBalancingV2Client elbv2() {
    return aws.elbv2(REGION, moto.endpoint());
  }

  private DeploymentResult deploy(String version) {
    return bed.client().newWorkflowStub(DeploymentWorkflow.class, WorkflowOptions.newBuilder()
            .setTaskQueue(SandboxTestbed.TASK_QUEUE).setWorkflowId("rollout-" + UUID.randomUUID()).build())
        .deploy(DeploymentRequest.of("it", version).withWatch("off"));
  }
}
