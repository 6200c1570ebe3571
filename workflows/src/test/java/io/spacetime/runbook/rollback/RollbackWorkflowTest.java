package io.spacetime.runbook.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runbook's Emergency Rollback Procedure, after v2.5.0 was deployed over v2.4.0 on both hosts. */
class RollbackWorkflowTest {

  static final String REASON = "error rate 7% after v2.5.0";
  static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @BeforeEach
  void v250IsDeployed() {
    hosts.host("api-1").serving("production-v2.5.0", "production-v2.4.0");
    hosts.host("api-2").serving("production-v2.5.0", "production-v2.4.0");
  }

  @Test
  void restoresThePreviousReleaseOnEveryHost() {
    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, "sam"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(Map.of("api-1", "v2.5.0", "api-2", "v2.5.0"), result.fromVersions());
    assertEquals(Map.of("api-1", "v2.4.0", "api-2", "v2.4.0"), result.restoredVersions());
    assertEquals(List.of(
        "stopService api-1", "switchRelease api-1 production-v2.4.0", "installConfig api-1 production-v2.4.0",
        "startService api-1 production-v2.4.0",
        "stopService api-2", "switchRelease api-2 production-v2.4.0", "installConfig api-2 production-v2.4.0",
        "startService api-2 production-v2.4.0"), hosts.changes());
    assertEquals(List.of("Load Environment", "Deployment Lock",
        "Choose Rollback Target [api-1]", "Choose Rollback Target [api-2]",
        "Step 1: Stop current service [api-1]", "Step 2: Restore previous version symlink [api-1]",
        "Step 3: Restore configuration [api-1]", "Step 4: Start service [api-1]", "Step 5: Wait for startup [api-1]",
        "Step 6: Verify health [api-1]",
        "Step 1: Stop current service [api-2]", "Step 2: Restore previous version symlink [api-2]",
        "Step 3: Restore configuration [api-2]", "Step 4: Start service [api-2]", "Step 5: Wait for startup [api-2]",
        "Step 6: Verify health [api-2]",
        "Step 7: Notify team"), result.steps().stream().map(StepResult::label).toList());
    assertTrue(hosts.calls().contains("notify warning: Rollback completed due to " + REASON));
    assertNull(hosts.lockHolder, "the lock is released");
  }

  /** Change id rollback-load-balancer: each host leaves the target group before Step 1 and rejoins it healthy after Step 6. */
  @Test
  void throughAnAwsLoadBalancerEachHostDrainsBeforeItStopsAndRejoinsHealthyAfterItsHealthCheck() {
    hosts.environment.withLoadBalancer(LoadBalancerSettings.aws(null, TARGET_GROUP, null));

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, "sam"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(List.of(
        "deregister api-1", "stopService api-1", "switchRelease api-1 production-v2.4.0",
        "installConfig api-1 production-v2.4.0", "startService api-1 production-v2.4.0", "register api-1",
        "deregister api-2", "stopService api-2", "switchRelease api-2 production-v2.4.0",
        "installConfig api-2 production-v2.4.0", "startService api-2 production-v2.4.0", "register api-2"),
        hosts.changes());
    assertEquals(List.of("Load Environment", "Deployment Lock", "Load Balancer Preflight",
        "Choose Rollback Target [api-1]", "Choose Rollback Target [api-2]",
        "Leave Load Balancer [api-1]", "Step 1: Stop current service [api-1]"),
        result.steps().stream().map(StepResult::label).toList().subList(0, 7));
    assertTrue(result.steps().stream().anyMatch(s -> s.label().equals("Join Load Balancer [api-2]")
        && s.status() == StepStatus.PASSED), "rejoined, healthy");
  }

  @Test
  void aHostThatDoesNotBecomeHealthyInTheLoadBalancerFailsTheRollbackAndStaysOut() {
    hosts.environment.withLoadBalancer(LoadBalancerSettings.aws(null, TARGET_GROUP, null));
    hosts.registeredState = "unhealthy";

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, "sam"));

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    assertTrue(result.message().contains("ROLLBACK FAILED on api-1 at Join Load Balancer [api-1]"), result.message());
    assertTrue(result.message().contains("Not touched: api-2"), result.message());
    assertTrue(result.message().contains("Out of the load balancer (deregistered by this run): api-1"), result.message());
  }

  @Test
  void aTargetGroupAwsRefusesAbortsBeforeAnyHostIsTouched() {
    hosts.environment.withLoadBalancer(LoadBalancerSettings.aws(null, TARGET_GROUP, null));
    hosts.failOn("preflight", "TargetGroupNotFound: One or more target groups not found");

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, "sam"));

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().contains("TargetGroupNotFound"), result.message());
    assertEquals(List.of(), hosts.changes());
  }

  @Test
  void restoresANamedVersion() {
    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, "2.3.0", ""));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(Map.of("api-1", "v2.3.0", "api-2", "v2.3.0"), result.restoredVersions());
    assertEquals("production-v2.3.0", hosts.host("api-2").runningDir);
  }

  @Test
  void refusesWhenThereIsNothingToRollBackTo() {
    hosts.host("api-2").backupLink = "";

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, ""));

    assertEquals(Outcome.ABORTED, result.outcome());
    assertTrue(result.message().contains("nothing to roll back to on api-2: production-v2.5.0 (v2.5.0) serves now;"
        + " no release history, and production.backup does not exist"),
        result.message());
    assertEquals(List.of(), hosts.changes(), "api-1 is not touched either");
  }

  @Test
  void refusesAVersionThatIsNotOnEveryHost() {
    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, "v2.2.0", ""));

    assertEquals(Outcome.ABORTED, result.outcome());
    assertTrue(result.message().contains(
        "release v2.2.0 is not on api-1 (serving production-v2.5.0 (v2.5.0)); available: production-v2.3.0,"
            + " production-v2.4.0, production-v2.5.0"),
        result.message());
    assertEquals(List.of(), hosts.changes());
  }

  @Test
  void refusesWhileAnotherRollbackHoldsTheLock() {
    hosts.lockHolder = "rollback-sandbox-first";
    hosts.lockDescription = "emergency rollback of sandbox: error rate 9%";

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, ""));

    assertEquals(Outcome.ABORTED, result.outcome());
    assertTrue(result.message().contains("is locked by rollback-sandbox-first (emergency rollback of sandbox: error"
        + " rate 9%)"), result.message());
    assertEquals(List.of(), hosts.changes());
    assertTrue(hosts.calls().stream().noneMatch(c -> c.startsWith("askToStop")), "a rollback never stops another");
  }

  @Test
  void rollbackFailedWhenHealthFailsAfterRestore() {
    hosts.host("api-1").release("v2.4.0").becomesReady = false;

    RollbackResult result = testbed.rollback(new RollbackRequest("sandbox", REASON, null, ""));

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome());
    assertTrue(result.message().startsWith("ROLLBACK FAILED on api-1 at Step 5: Wait for startup [api-1]: GET "
        + "http://10.0.0.1:8080/status → HTTP 503, overall_ready false"), result.message());
    assertTrue(result.message().contains("A person must act now: api-1 may not be serving"), result.message());
    assertTrue(result.message().endsWith("Restored: none. Not touched: api-2."), result.message());
    assertTrue(hosts.changes().stream().noneMatch(c -> c.contains("api-2")), "api-2 is left as it was");
    assertTrue(hosts.calls().contains("notify critical: ROLLBACK FAILED on sandbox (api-1)"));
    assertNull(hosts.lockHolder, "the lock is released");
  }
}
