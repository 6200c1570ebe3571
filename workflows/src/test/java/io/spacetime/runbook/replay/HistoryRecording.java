package io.spacetime.runbook.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.environment.RollbackSettings;
import io.spacetime.runbook.environment.TlsSettings;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.Route53Settings;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories {@link ReplayCompatibilityTest} replays. Run it when a workflow change is
 * released (the recorded histories stand for runs that may be in flight at that moment):
 *
 * <pre>mvn -pl workflows test -Dtest=HistoryRecording -Drunbook.recordHistories=true</pre>
 *
 * Keep the old files: a new version must still replay every history a running workflow may have.
 */
@EnabledIfSystemProperty(named = "runbook.recordHistories", matches = "true")
class HistoryRecording {

  static final Path DIR = Path.of("src/test/resources/histories");
  static final String VERSION = "v6";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void deploymentThatSucceeds() throws Exception {
    assertEquals(Outcome.SUCCEEDED, testbed.deploy(DeploymentRequest.of("sandbox", "v2.5.0")).outcome());
    save("deployment-succeeded", RunbookTestbed.DEPLOYMENT_ID);
  }

  /** 1.3 with TLS off: SKIPPED before change id security-items-without-tls (v5), each item reported after (v6). */
  @Test
  void deploymentWithTlsOffThatSucceeds() throws Exception {
    hosts.environment.withTls(TlsSettings.disabled());
    assertEquals(Outcome.SUCCEEDED, testbed.deploy(DeploymentRequest.of("sandbox", "v2.5.0")).outcome());
    save("deployment-tls-off-succeeded", RunbookTestbed.DEPLOYMENT_ID);
  }

  @Test
  void deploymentThatRollsBack() throws Exception {
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;
    assertEquals(Outcome.ROLLED_BACK, testbed.deploy(DeploymentRequest.of("sandbox", "v2.5.0")).outcome());
    save("deployment-rolled-back", RunbookTestbed.DEPLOYMENT_ID);
  }

  @Test
  void deploymentThatIsCancelled() throws Exception {
    Checkpoint starting = hosts.pauseAt("startService api-1 production-v2.5.0");
    DeploymentWorkflow run = testbed.startDeployment(DeploymentRequest.of("sandbox", "v2.5.0"));
    starting.awaitReached();
    WorkflowStub.fromTyped(run).cancel();
    assertEquals(Outcome.CANCELLED, waitForOutcome(run));
    save("deployment-cancelled", RunbookTestbed.DEPLOYMENT_ID);
  }

  /** The abort signal as the CLI sends it: the reason as a plain JSON string. */
  @Test
  void deploymentThatIsAborted() throws Exception {
    Checkpoint copying = hosts.pauseAt("copyRelease api-2");
    DeploymentWorkflow run = testbed.startDeployment(DeploymentRequest.of("sandbox", "v2.5.0"));
    copying.awaitReached();
    WorkflowStub.fromTyped(run).signal("abort", "wrong release: v2.5.1 was meant");
    assertEquals(Outcome.CANCELLED, testbed.resultOf(run).outcome());
    save("deployment-aborted", RunbookTestbed.DEPLOYMENT_ID);
  }

  /** Through an AWS load balancer with security groups, Route 53 and a lowered TTL (change id "aws-load-balancer"). */
  @Test
  void deploymentThroughAnAwsLoadBalancerThatSucceeds() throws Exception {
    throughAws();
    assertEquals(Outcome.SUCCEEDED, testbed.deploy(DeploymentRequest.of("sandbox", "v2.5.0")).outcome());
    save("deployment-aws-succeeded", RunbookTestbed.DEPLOYMENT_ID);
  }

  @Test
  void deploymentThroughAnAwsLoadBalancerThatRollsBack() throws Exception {
    throughAws();
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;
    assertEquals(Outcome.ROLLED_BACK, testbed.deploy(DeploymentRequest.of("sandbox", "v2.5.0")).outcome());
    save("deployment-aws-rolled-back", RunbookTestbed.DEPLOYMENT_ID);
  }

  private void throughAws() {
    hosts.environment.withLoadBalancer(LoadBalancerSettings.aws(null,
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef", null))
        .withAws(new AwsSettings("us-east-1", null,
            new SecurityGroupSettings(List.of("sg-api"), List.of("10.0.0.0/8"), null, null),
            new Route53Settings("Z1", "api.sandbox.test", null, null, null, 60)));
    hosts.recordTtl = 3600;
  }

  /** The watch window after Step 10: a sample over 5 % rolls every host back (change id watch-window). */
  @Test
  void deploymentWatchedThenRolledBack() throws Exception {
    hosts.environment.withWatch(new WatchSettings(2, 30, null, null, null, null, null, null, null, null, null));
    hosts.endpointHealth = n -> n == 3 ? new double[] {8, 20} : new double[] {0, 20};
    assertEquals(Outcome.ROLLED_BACK, testbed.deploy(DeploymentRequest.of("sandbox", "v2.5.0")).outcome());
    save("deployment-watched-rolled-back", RunbookTestbed.DEPLOYMENT_ID);
  }

  /**
   * A rollout (change id rollout-batches): the canary deploys, the next host fails past the
   * threshold and rolls itself back, and the canary is undone by its own child. Each of the four
   * workflows' histories is recorded: the deployment, both hosts' children, the canary's undo.
   */
  @Test
  void rolloutPastItsThresholdRolledBack() throws Exception {
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;
    DeploymentRequest request = DeploymentRequest.of("sandbox", "v2.5.0").withWatch("off").withRollout(1, "1", "0", "");
    assertEquals(Outcome.ROLLED_BACK, testbed.deploy(request).outcome());
    save("deployment-rollout-rolled-back", RunbookTestbed.DEPLOYMENT_ID);
    save("host-deployment-deployed", RunbookTestbed.DEPLOYMENT_ID + "/api-1");
    save("host-deployment-rolled-back", RunbookTestbed.DEPLOYMENT_ID + "/api-2");
    save("host-rollback-succeeded", RunbookTestbed.DEPLOYMENT_ID + "/api-1/rollback");
  }

  /**
   * A rollout whose second host stops answering SSH during its Step 8 (change id lost-host): the
   * host's first undo runs out of patience, its other undos are not attempted, and the deployment
   * rolls the canary back. The deployment's and the lost host's histories are recorded.
   */
  @Test
  void rolloutWithAHostThatStopsAnswering() throws Exception {
    hosts.environment.withRollback(new RollbackSettings(1, 30));
    Checkpoint step8 = hosts.pauseAt("sampleResponseTimes api-2");
    DeploymentWorkflow run = testbed.startDeployment(
        DeploymentRequest.of("sandbox", "v2.5.0").withWatch("off").withRollout(1, "1", "1", ""));
    step8.awaitReached();
    for (String call : List.of("measureUsage", "stopService", "restoreConfig", "restoreRelease", "startService")) {
      hosts.failTimes(call + " api-2", 10_000, "cannot reach host api-2 over SSH: connection refused");
    }
    step8.release();
    assertEquals(Outcome.ROLLBACK_FAILED, testbed.resultOf(run).outcome());
    save("deployment-rollout-host-lost", RunbookTestbed.DEPLOYMENT_ID);
    save("host-deployment-host-lost", RunbookTestbed.DEPLOYMENT_ID + "/api-2");
  }

  @Test
  void emergencyRollback() throws Exception {
    assertEquals(Outcome.SUCCEEDED,
        testbed.rollback(new RollbackRequest("sandbox", "error rate 7% after v2.5.0", "", "")).outcome());
    save("rollback-succeeded", RunbookTestbed.ROLLBACK_ID);
  }

  /** Through an AWS load balancer (change id rollback-load-balancer): each host drained before its stop, healthy after. */
  @Test
  void emergencyRollbackThroughAnAwsLoadBalancer() throws Exception {
    hosts.environment.withLoadBalancer(LoadBalancerSettings.aws(null,
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef", null));
    assertEquals(Outcome.SUCCEEDED,
        testbed.rollback(new RollbackRequest("sandbox", "error rate 7% after v2.5.0", "", "")).outcome());
    save("rollback-aws-succeeded", RunbookTestbed.ROLLBACK_ID);
  }

  private Outcome waitForOutcome(DeploymentWorkflow run) {
    try {
      testbed.resultOf(run);
    } catch (RuntimeException cancelled) {
      // expected: a cancelled run closes as Canceled; the outcome is in the progress query
    }
    return run.progress().outcome();
  }

  private void save(String name, String workflowId) throws Exception {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name + "-" + VERSION + ".json"),
        testbed.client().fetchHistory(workflowId).toJson(true));
  }
}
