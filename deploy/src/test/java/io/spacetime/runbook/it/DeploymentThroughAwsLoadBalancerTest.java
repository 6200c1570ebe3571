package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * A deployment on real sandbox hosts (MINA SSHD, the stand-in service) through an ELBv2 target
 * group on a moto server: after a good release every host's target is registered and healthy; a
 * release that fails rolls back and leaves every target registered and healthy on the previous one;
 * a target group AWS does not know aborts before any host receives a command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentThroughAwsLoadBalancerTest {

  static final String REGION = "us-east-1";

  final MotoServer moto = MotoServer.shared();
  final AwsClients aws = new AwsClients();
  final SandboxTestbed bed;
  final Map<String, String> instances = new LinkedHashMap<>();
  final String targetGroup;

  DeploymentThroughAwsLoadBalancerTest() throws Exception {
    moto.reset();
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-aws-it-"), 2, false, 75);
    String vpc = aws.ec2(REGION, moto.endpoint()).createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    for (SandboxHost host : bed.sandbox.hosts()) {
      instances.put(host.name(), aws.ec2(REGION, moto.endpoint()).runInstances(r -> r.imageId("ami-12345678")
          .minCount(1).maxCount(1)).instances().get(0).instanceId());
    }
    targetGroup = elbv2().createTargetGroup(r -> r.name("spacetime-api").protocol(ProtocolEnum.HTTP).port(8080)
        .vpcId(vpc).healthCheckPath("/status")).targetGroups().get(0).targetGroupArn();
    throughTheLoadBalancer(targetGroup);
  }

  @AfterAll
  void stop() {
    bed.close();
    aws.close();
  }

  @Test
  @Order(1)
  void aGoodReleaseLeavesEveryTargetRegisteredAndHealthy() throws Exception {
    bed.sandbox.stageRelease("v2.5.0");

    DeploymentResult result = deploy("v2.5.0");

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(targetStates()).containsExactly("healthy", "healthy");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.status(host).version()).isEqualTo("v2.5.0");
    }
  }

  @Test
  @Order(2)
  void aFailedReleaseRollsBackWithEveryTargetRegisteredAndHealthyAgain() throws Exception {
    bed.sandbox.stageRelease("v2.6.0", Fault.SCENE_500, FaultScope.PRODUCTION);

    DeploymentResult result = deploy("v2.6.0");

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(targetStates()).containsExactly("healthy", "healthy");
    assertThat(bed.sandbox.status(bed.sandbox.hosts().get(0)).version()).isEqualTo("v2.5.0");
  }

  @Test
  @Order(3)
  void aTargetGroupAwsDoesNotKnowAbortsBeforeAnyHostReceivesACommand() throws Exception {
    throughTheLoadBalancer(targetGroup.replace("spacetime-api", "retired-api"));
    bed.sandbox.clearCommandLogs();

    DeploymentResult result = deploy("v2.5.0");

    assertThat(result.outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(result.message()).contains("TargetGroupNotFound");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.commandLog(host)).as("commands received by " + host.name()).isEmpty();
    }
    throughTheLoadBalancer(targetGroup);
  }

  /**
   * The Emergency Rollback through the target group: each host leaves it and drains before its
   * stop, and joins it again, healthy on moto, after its health check; every host then serves the
   * release it served before v2.5.0.
   */
  @Test
  @Order(4)
  void anEmergencyRollbackTakesEachHostOutOfTheTargetGroupAndBackHealthy() throws Exception {
    String backup = Files.readSymbolicLink(bed.sandbox.hosts().get(0).deployRoot().resolve("production.backup")).toString();

    RollbackResult result = bed.client().newWorkflowStub(RollbackWorkflow.class, WorkflowOptions.newBuilder()
            .setTaskQueue(SandboxTestbed.TASK_QUEUE).setWorkflowId("rollback-aws-" + UUID.randomUUID()).build())
        .rollback(new RollbackRequest("it", "error rate 7% after v2.5.0", "", "it"));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    List<String> labels = result.steps().stream().map(s -> s.label()).toList();
    for (SandboxHost host : bed.sandbox.hosts()) {
      String h = " [" + host.name() + "]";
      assertThat(labels).containsSubsequence("Leave Load Balancer" + h, "Step 1: Stop current service" + h,
          "Step 6: Verify health" + h, "Join Load Balancer" + h);
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo(backup);
      assertThat(bed.sandbox.status(host).overallReady()).isTrue();
    }
    assertThat(targetStates()).containsExactly("healthy", "healthy");
  }

  /** The sandbox's environment file, with its hosts behind {@code arn} on moto. */
  private void throughTheLoadBalancer(String arn) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(bed.sandbox.environmentFile().toFile());
    env.putObject("aws").put("region", REGION).put("endpointUrl", moto.endpoint());
    env.putObject("loadBalancer").put("type", "aws").put("targetGroupArn", arn)
        .put("healthTimeoutSeconds", 20).put("drainTimeoutSeconds", 20);
    env.withArray("hosts").forEach(h -> ((ObjectNode) h).put("loadBalancerTargetId", instances.get(h.get("name").asText())));
    yaml.writeValue(bed.sandbox.environmentFile().toFile(), env);
  }

  private List<String> targetStates() {
    return targetStates(elbv2(), targetGroup, instances.values());
  }

  /** Each instance's state in the target group, in order ("absent" when it is not registered). */
  static List<String> targetStates(ElasticLoadBalancingV2Client elbv2, String targetGroup,
      java.util.Collection<String> instances) {
    List<String> states = new ArrayList<>();
    for (String instance : instances) {
      states.add(elbv2.describeTargetHealth(r -> r.targetGroupArn(targetGroup).targets(t -> t.id(instance).port(8080)))
          .targetHealthDescriptions().stream().map(TargetHealthDescription::targetHealth)
          .map(h -> h.stateAsString()).findFirst().orElse("absent"));
    }
    return states;
  }

  private ElasticLoadBalancingV2Client elbv2() {
    return aws.elbv2(REGION, moto.endpoint());
  }

  private DeploymentResult deploy(String version) {
    return bed.client().newWorkflowStub(DeploymentWorkflow.class, WorkflowOptions.newBuilder()
            .setTaskQueue(SandboxTestbed.TASK_QUEUE).setWorkflowId("deploy-aws-" + UUID.randomUUID()).build())
        .deploy(DeploymentRequest.of("it", version));
  }
}
