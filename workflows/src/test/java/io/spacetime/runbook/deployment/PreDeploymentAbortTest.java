package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every check before the first change aborts the run when it fails: outcome ABORTED, the failed
 * step and its gate named, and not one change made on any host.
 */
class PreDeploymentAbortTest {

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void abortsWhenServerResourcesAreInsufficient() {
    hosts.host("api-2").diskFreeGb = 12.3;

    assertAborted("1.1 Server Resources [api-2]", "disk free 12.3 GB < 20 GB required under /opt/spacetime on api-2");
  }

  @Test
  void abortsWhenAPortIsHeldByAnotherProcess() {
    hosts.host("api-1").foreignListeners.put(8080, "nginx");

    assertAborted("1.2 Network Configuration [api-1]",
        "port 8080 is held by nginx (pid 4242), not by the service (godot) on api-1");
  }

  @Test
  void abortsWhenTheCertificateExpiresWithin30Days() {
    hosts.host("api-1").certificateDaysLeft = 29;

    assertAborted("1.3 Security Group Setup [api-1]", "29 days left < 30 required on api-1");
  }

  @Test
  void abortsWhenTheHealthEndpointIsNotReady() {
    hosts.host("api-2").release("v2.4.0").becomesReady = false;

    assertAborted("1.4 DNS Configuration [api-2]", "GET http://10.0.0.2:8080/status → HTTP 503, overall_ready false");
  }

  @Test
  void abortsWhenTheStagedVersionDiffers() {
    hosts.host("api-1").stagedVersion = "v2.4.9";

    assertAborted("2.1 Version Verification [api-1]", "staging/VERSION is v2.4.9 but v2.5.0 was requested on api-1");
  }

  @Test
  void abortsWhenTheStagingCheckoutIsDirty() {
    hosts.host("api-1").gitClean = false;

    assertAborted("2.1 Version Verification [api-1]", "staging/ has uncommitted changes on api-1");
  }

  @Test
  void abortsWhenAToolIsTooOld() {
    hosts.host("api-2").tools.put("godot", "4.4.1");

    assertAborted("2.2 Dependency Check [api-2]", "godot 4.4.1 < 4.5.0 required on api-2");
  }

  @Test
  void abortsWhenTheBackupIsNotVerified() {
    hosts.host("api-2").backupVerified = false;

    assertAborted("3.1 Current State Backup [api-2]", "could not be verified");
  }

  @Test
  void abortsWhenTheStagingTestsFail() {
    hosts.staging.testsExitCode = 1;

    assertAborted("4.1 Staging Environment Tests [api-1]", "staging test suite failed on api-1 (exit 1): ✗ 1 failed");
    assertTrue(hosts.calls().contains("runServiceCommand api-1 cd {deployRoot}/staging && ./stop_godot.sh"),
        "staging is stopped after a failed test");
  }

  @Test
  void stagingIsStartedByTheActivityThatFirstAsksWhetherItRuns() {
    hosts.staging.testsExitCode = 1;

    testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertTrue(hosts.calls().contains("startStaging api-1 cd {deployRoot}/staging && ./restart_godot_with_debug.sh"),
        hosts.calls().toString());
    assertTrue(hosts.calls().stream().noneMatch(c -> c.startsWith("runServiceCommand") && c.contains("restart_godot")),
        "a retried start must not be a plain command: " + hosts.calls());
  }

  @Test
  void abortsWhenTheLoadTestIsTooSlow() {
    hosts.staging.loadTestP95Ms = 240;

    assertAborted("4.2 Load Testing [api-1]", "95th percentile 240 ms >= 200 ms allowed");
  }

  private void assertAborted(String failedStep, String gateText) {
    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertEquals(failedStep, result.failedStep());
    assertTrue(result.failedGate().contains(gateText), result.failedGate());
    assertTrue(result.message().endsWith("nothing was changed"), result.message());
    assertEquals(List.of(), hosts.changes(), "no change was made");
  }
}
