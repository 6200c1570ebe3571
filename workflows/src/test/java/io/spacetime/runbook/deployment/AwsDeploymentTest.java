package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentWorkflowTest.V2_5_0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.Route53Settings;
import io.spacetime.runbook.ports.aws.SecurityGroupRule;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment through an AWS load balancer (activities faked at their interfaces, time skipped):
 * each host leaves the target group and drains before it stops, joins it healthy after it serves,
 * and every one of these is undone when a later gate fails; bad AWS configuration aborts before any
 * host is contacted; 1.3 and 1.4 judge the security groups and the Route 53 record.
 */
class AwsDeploymentTest {

  static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @BeforeEach
  void throughAnAwsLoadBalancer() {
    hosts.environment.withLoadBalancer(LoadBalancerSettings.aws(null, TARGET_GROUP, null))
        .withAws(aws(new Route53Settings("Z1", "api.sandbox.test", null, null, null, null)));
  }

  @Test
  void deregistersAndDrainsEachHostBeforeStoppingItAndRegistersItHealthyAfterItServes() {
    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    for (String host : List.of("api-1", "api-2")) {
      List<String> changes = hosts.changes().stream().filter(c -> c.contains(host)).toList();
      assertEquals("deregister " + host, changes.get(0));
      assertEquals("stopService " + host, changes.get(1));
      assertEquals("register " + host, changes.get(changes.size() - 1));
    }
    assertTrue(testbed.deploymentReport().contains("target i-api-1 of api-1 deregistered and drained"));
    assertTrue(testbed.deploymentReport().contains("target i-api-2 of api-2 is healthy"));
  }

  @Test
  void aLaterGateFailingReRegistersTheDeregisteredHostsAndWaitsUntilHealthy() {
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("Step 7: Functional Testing [api-2]", result.failedStep());
    List<String> changes = hosts.changes();
    // api-2: undone up to its start, then back in the group. api-1: out of the group (drained), undone, back in.
    assertEquals(List.of("startService api-2 production-v2.4.0", "register api-2", "deregister api-1", "stopService api-1"),
        changes.subList(changes.indexOf("startService api-2 production-v2.4.0"),
            changes.indexOf("startService api-2 production-v2.4.0") + 4));
    assertEquals(List.of("startService api-1 production-v2.4.0", "register api-1"), changes.subList(changes.size() - 2,
        changes.size()));
    assertTrue(testbed.deploymentReport().contains("Rollback: register i-api-1 with the load balancer again and wait"
        + " until healthy"), testbed.deploymentReport());
  }

  @Test
  void aTargetThatDoesNotDrainIsNotStoppedAndGoesBackIntoTheGroup() {
    hosts.deregisteredState = "draining";

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals("Step 2: Stop Current Production Service [api-1]", result.failedStep());
    assertTrue(result.failedGate().contains("target i-api-1 of api-1 is still draining"), result.failedGate());
    assertEquals(List.of("deregister api-1", "register api-1"), hosts.changes());
  }

  @Test
  void aTargetThatNeverBecomesHealthyFailsStep9AndItsRollbackNeedsAPerson() {
    hosts.registeredState = "unhealthy";

    DeploymentResult result = testbed.deploy(V2_5_0);

    // The previous release is back on api-1, but the load balancer still will not take it: page.
    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    assertTrue(result.message().contains("register i-api-1 with the load balancer again"), result.message());
    assertTrue(testbed.deploymentReport().contains("target i-api-1 of api-1 is unhealthy"), testbed.deploymentReport());
    assertFalse(hosts.changes().stream().anyMatch(c -> c.contains("api-2")), "api-2 was never touched");
  }

  @Test
  void badAwsConfigurationAbortsBeforeAnyHostIsContacted() {
    hosts.failOn("preflight", "TargetGroupNotFound: One or more target groups not found (loadBalancer.targetGroupArn "
        + TARGET_GROUP + ", region us-east-1)");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().contains("TargetGroupNotFound: One or more target groups not found"), result.message());
    assertEquals(List.of(), hosts.changes());
    List<String> calls = hosts.calls();
    assertFalse(calls.subList(0, calls.indexOf("preflight " + TARGET_GROUP)).stream().anyMatch(c -> c.contains("api-")),
        "no host was contacted before the preflight: " + calls);
  }

  @Test
  void anUnhealthyTargetInTheGroupAbortsAt14() {
    hosts.preflightStates.put("i-api-2", "unhealthy");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertEquals("1.4 DNS Configuration", result.failedStep());
    assertTrue(result.failedGate().contains("target i-api-2 of api-2 is unhealthy"), result.failedGate());
  }

  @Test
  void aSecurityGroupOpenToTheWorldAbortsAt13NamingGroupPortAndRule() {
    hosts.securityGroupRules = List.of(new SecurityGroupRule("sg-api", "api", "tcp", 6005, 8081, "10.0.0.0/8", ""),
        new SecurityGroupRule("sg-api", "api", "tcp", 8080, 8080, "0.0.0.0/0", "temporary"));

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertEquals("1.3 Security Group Setup", result.failedStep());
    assertTrue(result.failedGate().contains("rule sg-api (api) tcp 8080 from 0.0.0.0/0 is open to the whole internet"),
        result.failedGate());
    assertEquals(List.of(), hosts.changes());
  }

  @Test
  void aRoute53TtlAbove300AbortsAt14() {
    hosts.recordTtl = 3600;

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertEquals("1.4 DNS Configuration", result.failedStep());
    assertTrue(result.failedGate().contains("api.sandbox.test TTL 3600 s > 300 s"), result.failedGate());
  }

  @Test
  void lowersTheTtlBeforeTheFirstChangeAndRestoresItAfterTheRun() {
    hosts.environment.withAws(aws(new Route53Settings("Z1", "api.sandbox.test", null, null, null, 60)));
    hosts.recordTtl = 3600;

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    List<String> changes = hosts.changes();
    assertEquals("setTtl 60", changes.get(0));
    assertEquals("setTtl 3600", changes.get(changes.size() - 1));
    assertEquals(3600, hosts.recordTtl);
  }

  @Test
  void aTtlThatCannotBeRestoredDoesNotRollBackAGoodDeployment() {
    hosts.environment.withAws(aws(new Route53Settings("Z1", "api.sandbox.test", null, null, null, 60)));
    hosts.recordTtl = 3600;
    hosts.failOn("setTtl 3600", "Throttling: Rate exceeded");

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertTrue(testbed.deploymentReport().contains("set it back to 3600 s by hand"), testbed.deploymentReport());
  }

  @Test
  void aRolledBackRunRestoresTheTtlToo() {
    hosts.environment.withAws(aws(new Route53Settings("Z1", "api.sandbox.test", null, null, null, 60)));
    hosts.recordTtl = 3600;
    hosts.host("api-1").release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    List<String> changes = hosts.changes();
    assertEquals("setTtl 3600", changes.get(changes.size() - 1));
    assertEquals(3600, hosts.recordTtl);
  }

  @Test
  void theTtlIsRestoredAfterTheWatchWindowNotBeforeIt() {
    hosts.environment.withAws(aws(new Route53Settings("Z1", "api.sandbox.test", null, null, null, 60)))
        .withWatch(WatchWindowTest.shortWindow());
    hosts.recordTtl = 3600;

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    List<String> titles = testbed.deploymentSteps().stream().map(io.spacetime.runbook.core.StepResult::title).toList();
    int watch = titles.indexOf(WatchWindowTest.WATCH);
    int restore = java.util.stream.IntStream.range(0, titles.size()).filter(i -> titles.get(i).contains("TTL")).max()
        .orElse(-1);
    assertTrue(watch >= 0 && restore > watch, "the TTL restore comes after the watch window: " + titles);
    assertEquals(3600, hosts.recordTtl);
  }

  @Test
  void aRollbackFromTheWatchWindowRestoresTheTtl() {
    hosts.environment.withAws(aws(new Route53Settings("Z1", "api.sandbox.test", null, null, null, 60)))
        .withWatch(WatchWindowTest.shortWindow());
    hosts.recordTtl = 3600;
    hosts.endpointHealth = n -> n == 3 ? new double[] {7, 20} : new double[] {0, 20};

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals(WatchWindowTest.WATCH, result.failedStep());
    assertEquals("setTtl 3600", hosts.changes().get(hosts.changes().size() - 1));
    assertEquals(3600, hosts.recordTtl);
  }

  private static AwsSettings aws(Route53Settings route53) {
    return new AwsSettings("us-east-1", null,
        new SecurityGroupSettings(List.of("sg-api"), List.of("10.0.0.0/8"), null, null), route53);
  }
}
