package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.sandbox.aws.MotoServer;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
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
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

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
    vpc = aws.ec2(REGION, moto.endpoint()).createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
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
    // A host that stops answering is given up on after one undo's patience: 15 s, not ten minutes.
    env.putObject("rollback").put("retrySeconds", 15);
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

  /**
   * The watch window over a whole rollout, with 1.3 and 1.4 read from AWS: the security group
   * opens every service port to the approved 10.0.0.0/8 only and the Route 53 record points at the
   * hosts, its TTL (3600 s) lowered to 60 s before the first change. The last batch's host runs a
   * release that degrades 20 s after it starts: the window's samples of that host's endpoints cross
   * 5 % errors and the deployment rolls every host back, in reverse, each on its previous release and
   * registered healthy again, and the TTL back at 3600 s.
   */
  @Test
  @Order(4)
  void theWatchWindowRollsTheWholeRolloutBackAndSecurityGroupAndTtlChecksPass() throws Exception {
    List<SandboxHost> hosts = bed.sandbox.hosts();
    Map<String, String> before = new LinkedHashMap<>();
    for (SandboxHost host : hosts) {
      before.put(host.name(), bed.sandbox.status(host).version());
    }
    String group = securityGroup("spacetime-api-approved");
    String zone = hostedZone(3600);
    awsChecks("it-aws-checks", group, zone, 60);
    bed.sandbox.stageRelease("v2.8.0");
    bed.sandbox.stageRelease("v2.8.0", Fault.DEGRADES, FaultScope.PRODUCTION, hosts.subList(5, 6));

    DeploymentResult result = deploy(DeploymentRequest.of("it-aws-checks", "v2.8.0").withWatch("40s"));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).isEqualTo("Post-Deployment Validation: Watch Window");
    assertThat(result.failedGate()).startsWith("the watch window triggered the rollback: sample ")
        .contains("error rate").contains(hosts.get(5).name());
    assertThat(result.steps()).as("1.3 and 1.4 passed, read from AWS")
        .anyMatch(s -> s.label().equals("1.3 Security Group Setup") && s.status() == StepStatus.PASSED)
        .anyMatch(s -> s.label().equals("1.4 DNS Configuration") && s.status() == StepStatus.PASSED)
        .anyMatch(s -> s.label().equals("Rollout: batch 3 of 3") && s.status() == StepStatus.PASSED);
    assertThat(result.steps()).as("every host's undo, each verified").filteredOn(s -> s.status() == StepStatus.COMPENSATED
        && s.label().startsWith("Rollback: roll back host-")).hasSize(HOSTS);
    for (SandboxHost host : hosts) {
      assertThat(bed.sandbox.status(host).version()).as(host.name()).isEqualTo(before.get(host.name()));
      assertThat(bed.sandbox.status(host).overallReady()).isTrue();
    }
    assertThat(targetStates()).containsOnly("healthy").hasSize(HOSTS);
    assertThat(ttl(zone)).as("the TTL lowered for the run is restored by its rollback").isEqualTo(3600);
  }

  /**
   * 1.3 fails: every port is open to the approved sources, but the API port to the whole internet
   * too; the run aborts before any host is changed, naming the group, the port and the rule.
   */
  @Test
  @Order(5)
  void aSecurityGroupOpenToTheWorldAbortsTheRolloutBeforeAnyHostIsChanged() throws Exception {
    String group = securityGroup("spacetime-api-open", 8080);
    awsChecks("it-open-group", group, hostedZone(300), 0);
    bed.sandbox.stageRelease("v2.8.1");

    DeploymentResult result = deploy(DeploymentRequest.of("it-open-group", "v2.8.1").withWatch("off"));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ABORTED);
    assertThat(result.failedStep()).isEqualTo("1.3 Security Group Setup");
    assertThat(result.failedGate()).contains(group).contains("8080").contains("open to the whole internet (0.0.0.0/0)");
    assertUntouched(result);
  }

  /** 1.4 fails: the record's TTL is above 300 s and the environment does not lower it. */
  @Test
  @Order(6)
  void aRecordWithAHighTtlAbortsTheRolloutBeforeAnyHostIsChanged() throws Exception {
    awsChecks("it-high-ttl", securityGroup("spacetime-api-ttl"), hostedZone(3600), 0);
    bed.sandbox.stageRelease("v2.8.2");

    DeploymentResult result = deploy(DeploymentRequest.of("it-high-ttl", "v2.8.2").withWatch("off"));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ABORTED);
    assertThat(result.failedStep()).isEqualTo("1.4 DNS Configuration");
    assertThat(result.failedGate()).contains(RECORD).contains("3600");
    assertUntouched(result);
  }

  private void assertUntouched(DeploymentResult result) throws Exception {
    assertThat(result.steps()).noneMatch(s -> s.label().startsWith("Step 2"));
    assertThat(versions()).containsOnly(bed.sandbox.status(bed.sandbox.hosts().get(0)).version());
    assertThat(targetStates()).containsOnly("healthy").hasSize(HOSTS);
  }

  static final String RECORD = "spacetime-api.rollout.test";
  private String vpc;

  /**
   * A security group with every service port of the sandbox's environment open to the approved
   * 10.0.0.0/8, and each of {@code openToTheWorld} open to 0.0.0.0/0 as well.
   */
  private String securityGroup(String name, Integer... openToTheWorld) {
    String id = aws.ec2(REGION, moto.endpoint()).createSecurityGroup(r -> r.groupName(name).description(name)
        .vpcId(vpc)).groupId();
    for (int port : servicePorts()) {
      allow(id, port, "10.0.0.0/8");
    }
    for (int port : openToTheWorld) {
      allow(id, port, "0.0.0.0/0");
    }
    return id;
  }

  private void allow(String group, int port, String cidr) {
    aws.ec2(REGION, moto.endpoint()).authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p
        .ipProtocol("tcp").fromPort(port).toPort(port).ipRanges(c -> c.cidrIp(cidr))));
  }

  private List<Integer> servicePorts() {
    try {
      com.fasterxml.jackson.databind.JsonNode ports = new YAMLMapper().readTree(bed.sandbox.environmentFile().toFile())
          .get("ports");
      List<Integer> all = new ArrayList<>();
      ports.forEach(p -> all.add(p.asInt()));
      return all;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A hosted zone whose A record {@link #RECORD} answers with every host's address, with {@code ttl}. */
  private String hostedZone(long ttl) {
    Route53Client route53 = aws.route53(moto.endpoint());
    String zone = route53.createHostedZone(r -> r.name("rollout.test").callerReference("zone-" + UUID.randomUUID()))
        .hostedZone().id();
    List<ResourceRecord> addresses = bed.sandbox.hosts().stream()
        .map(h -> ResourceRecord.builder().value(h.address()).build()).toList();
    route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
        .action(ChangeAction.UPSERT).resourceRecordSet(rs -> rs.name(RECORD).type(RRType.A).ttl(ttl)
            .resourceRecords(addresses)))));
    return zone;
  }

  private long ttl(String zone) {
    return aws.route53(moto.endpoint()).listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets().stream()
        .filter(rs -> rs.name().startsWith(RECORD)).findFirst().orElseThrow().ttl();
  }

  /** A second environment file for the same hosts, named {@code name}, whose 1.3 and 1.4 read AWS. */
  private void awsChecks(String name, String group, String zone, int deploymentTtl) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(bed.sandbox.environmentFile().toFile());
    env.put("name", name);
    ObjectNode awsSection = (ObjectNode) env.get("aws");
    ObjectNode groups = awsSection.putObject("securityGroups");
    groups.putArray("groupIds").add(group);
    groups.putArray("approvedCidrs").add("10.0.0.0/8");
    ObjectNode route53 = awsSection.putObject("route53").put("hostedZoneId", zone).put("recordName", RECORD)
        .put("maxTtlSeconds", 300);
    if (deploymentTtl > 0) {
      route53.put("deploymentTtlSeconds", deploymentTtl);
    }
    yaml.writeValue(bed.sandbox.environmentFile().resolveSibling(name + ".yaml").toFile(), env);
  }

  /**
   * Last, since it leaves a host in a state nobody knows (the test's point): host 3's SSH server
   * stops while its Steps 6-8 run in batch 1. Step 8 reads the service's CPU over SSH and fails
   * after its bounded retries; host 3's own undo tries for 15 s, and its other undos are not
   * attempted (nor is it put back into the target group). The rollout stops; the canary and host 2,
   * which still answer, are rolled back and verified; host 3 is reported as "state unknown, check
   * the host by hand" with what was done to it; hosts 4-6 are untouched.
   */
  @Test
  @Order(9)
  void aHostWhoseSshStopsMidBatchIsReportedUnknownAndEveryOtherSwitchedHostIsRolledBack() throws Exception {
    List<SandboxHost> hosts = bed.sandbox.hosts();
    SandboxHost lost = hosts.get(2);
    Map<String, String> before = new LinkedHashMap<>();
    for (SandboxHost host : hosts) {
      before.put(host.name(), bed.sandbox.status(host).version());
    }
    bed.sandbox.stageRelease("v2.7.0");
    String id = "rollout-lost-" + UUID.randomUUID();
    DeploymentWorkflow run = bed.client().newWorkflowStub(DeploymentWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(SandboxTestbed.TASK_QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(run::deploy, DeploymentRequest.of("it", "v2.7.0").withWatch("off"));
    try {
      HostStep.await(bed.client(), run, id, lost, HostStep::beforeItsLastSshRead);
      bed.sandbox.stopSsh(lost);
      DeploymentResult result = WorkflowStub.fromTyped(run).getResult(DeploymentResult.class);

      assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLBACK_FAILED);
      assertThat(result.failedStep()).isEqualTo("Rollout: batch 1 of 3");
      assertThat(result.failedGate()).contains("a host could not be restored (" + lost.name() + ": Step 8: Performance")
          .contains("cannot reach host " + lost.name())
          .contains(lost.name() + ": state unknown, check the host by hand");
      assertThat(result.message()).as("what was done to the lost host")
          .contains("state unknown, check the host by hand")
          .contains("done to it: Step 2: Stop Current Production Service [" + lost.name() + "]")
          .contains("Step 5: Start New Service [" + lost.name() + "]")
          .contains("Step 8: Performance Verification [" + lost.name() + "] failed")
          .contains("(release production-v2.7.0, previously production-" + before.get(lost.name()));
      assertThat(result.steps()).as("bounded: after one undo's patience the host's other undos are not attempted")
          .anyMatch(s -> s.host().equals(lost.name()) && s.summary().startsWith("not attempted: " + lost.name()
              + " did not answer SSH for ") && s.label().contains("register " + instances.get(lost.name())));
      for (SandboxHost host : List.of(hosts.get(0), hosts.get(1))) {
        assertThat(bed.sandbox.status(host).version()).as(host.name() + " rolled back").isEqualTo(before.get(host.name()));
        assertThat(bed.sandbox.status(host).overallReady()).isTrue();
      }
      assertThat(result.steps()).as("hosts 4-6 untouched").noneMatch(s -> s.label().startsWith("Step 2")
          && List.of(hosts.get(3).name(), hosts.get(4).name(), hosts.get(5).name()).contains(s.host()));
      for (SandboxHost host : hosts.subList(3, HOSTS)) {
        assertThat(bed.sandbox.status(host).version()).isEqualTo(before.get(host.name()));
      }
      List<String> states = targetStates();
      assertThat(states.get(2)).as("the lost host is kept out of the target group").isNotEqualTo("healthy");
      assertThat(List.of(states.get(0), states.get(1), states.get(3), states.get(4), states.get(5)))
          .containsOnly("healthy");
    } finally {
      bed.sandbox.startSsh(lost);
    }
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
    return deploy(DeploymentRequest.of("it", version).withWatch("off"));
  }

  private DeploymentResult deploy(DeploymentRequest request) {
    return bed.client().newWorkflowStub(DeploymentWorkflow.class, WorkflowOptions.newBuilder()
            .setTaskQueue(SandboxTestbed.TASK_QUEUE).setWorkflowId("rollout-" + UUID.randomUUID()).build())
        .deploy(request);
  }
}
