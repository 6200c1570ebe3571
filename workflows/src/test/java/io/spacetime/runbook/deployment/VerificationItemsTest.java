package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.ItemCheck;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.TlsSettings;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import io.spacetime.runbook.ports.dns.DnsSettings;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runbook's verification lists item by item: each item a step names is checked by the gate of
 * that name (a failure stops the run at that step), or reported as not checked with why. A report
 * never counts an item as passed that nothing checked.
 */
class VerificationItemsTest {

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  /** With TLS off, 1.3 still answers for its other items: only the certificate is "not checked". */
  @Test
  void securitySetupWithTlsOffReportsEachItemInsteadOfSkippingTheStep() {
    hosts.environment.withTls(TlsSettings.disabled());

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    List<StepResult> steps = testbed.deploymentSteps();
    assertEquals(StepStatus.PASSED, steps.stream().filter(s -> s.label().equals("1.3 Security Group Setup"))
        .findFirst().orElseThrow().status());
    ItemCheck tls = item(steps, "1.3 Security Group Setup", "TLS certificates");
    assertEquals(ItemCheck.Status.NOT_CHECKED, tls.status());
    assertEquals("TLS disabled for this environment (tls.enabled: false)", tls.detail());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "1.3 Security Group Setup", "SSH key access").status());
    ItemCheck groups = item(steps, "1.3 Security Group Setup", "Security groups");
    assertEquals(ItemCheck.Status.NOT_CHECKED, groups.status());
    assertFalse(groups.detail().contains("TLS"), groups.detail());
  }

  @Test
  void everyItemOfASuccessfulDeploymentIsCheckedOrSaysWhyNot() {
    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);
    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());

    List<StepResult> steps = testbed.deploymentSteps();
    for (StepResult step : steps) {
      for (ItemCheck item : step.items()) {
        assertFalse(item.status() == ItemCheck.Status.FAILED, step.label() + ": " + item);
        assertFalse(item.detail().isBlank(), step.label() + ": " + item.item() + " has no reason or verdict");
        assertFalse(item.detail().contains("no check for it"), step.label() + ": " + item);
      }
    }
    // Every item of every runbook step with a list is accounted for, in the runbook's order.
    assertEquals(DeploymentSteps.SERVER_RESOURCES.items(), items(steps, "1.1 Server Resources [api-1]").stream()
        .map(ItemCheck::item).toList());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "1.1 Server Resources [api-1]", "No disk errors").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "1.2 Network Configuration [api-1]", "Firewall rules").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 2: Stop Current Production Service [api-1]",
        "No lingering processes").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 4: Configuration Update [api-2]", "Secrets properly").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 5: Start New Service [api-2]", "PID is stable").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 8: Performance Verification [api-2]", "CPU usage").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 10: Final Validation", "Team notified").status());
    ItemCheck dns = item(steps, "1.4 DNS Configuration [api-1]", "DNS records point");
    assertEquals(ItemCheck.Status.NOT_CHECKED, dns.status());
    assertTrue(dns.detail().contains("dns.record"), dns.detail());

    String report = testbed.deploymentReport();
    assertTrue(report.contains("What the runbook's verification lists got"), report);
  }

  @Test
  void theReportCountsCheckedAndNotCheckedItems() {
    testbed.deploy(DeploymentWorkflowTest.V2_5_0);
    String report = testbed.deploymentReport();
    assertTrue(report.matches("(?s).*Step 1: Notification and Preparation: \\d+ of 4 verification items checked.*"), report);
    assertTrue(report.contains("⚪ not checked: Status page updated — no status page configured for this environment"), report);
  }

  @Test
  void diskErrorsInTheKernelLogAbortAt11() {
    hosts.host("api-2").diskErrors = 4;
    assertAborted("1.1 Server Resources [api-2]", "4 disk or file system error lines in the kernel log (dmesg) on api-2");
  }

  @Test
  void aFirewallThatDropsAServicePortAbortsAt12() {
    hosts.host("api-1").firewallRules = List.of("-P INPUT ACCEPT", "-A INPUT -p tcp -m tcp --dport 8081 -j DROP");
    assertAborted("1.2 Network Configuration [api-1]", "does not let ports [8081] in on api-1");
  }

  @Test
  void slowMonitoringAndAnUnresolvedInternalNameAbortAt12WithBothReasons() {
    hosts.environment.withNetwork(new NetworkSettings("api.internal.test", List.of("prometheus.internal:9090"), 10));
    hosts.host("api-2").monitoringLatencyMs = 25;
    hosts.host("api-2").internalAddresses = List.of();

    DeploymentResult result = assertAborted("1.2 Network Configuration [api-2]", "prometheus.internal:9090 25 ms >= 10 ms");
    assertTrue(result.failedGate().contains("api.internal.test does not resolve on api-2"), result.failedGate());
  }

  @Test
  void aDnsRecordWithALongTtlAbortsAt14() {
    hosts.environment.withDns(new DnsSettings("api.sandbox.test", "127.0.0.1:53", List.of(), 300, ""));
    hosts.dnsAnswer = new DnsAnswer("api.sandbox.test", "127.0.0.1:53", "NOERROR",
        List.of(new DnsAnswer.Record("10.0.0.1", 3600), new DnsAnswer.Record("10.0.0.2", 3600)), List.of(), "", 2);
    assertAborted("1.4 DNS Configuration", "TTL 3600 s");
  }

  @Test
  void aDnsRecordThatPointsElsewhereAbortsAt14() {
    hosts.environment.withDns(new DnsSettings("api.sandbox.test", "", List.of(), 300, ""));
    hosts.dnsAnswer = new DnsAnswer("api.sandbox.test", "", "NOERROR", List.of(new DnsAnswer.Record("10.9.9.9", 60)),
        List.of(), "", 2);
    assertAborted("1.4 DNS Configuration", "10.9.9.9");
  }

  @Test
  void aMissingAddonFileAbortsAt22() {
    hosts.host("api-1").missingFiles = List.of("addons/godot_debug_connection/godot_bridge.gd");
    assertAborted("2.2 Dependency Check [api-1]", "missing or unreadable in staging/ on api-1:"
        + " addons/godot_debug_connection/godot_bridge.gd");
  }

  @Test
  void aProcessLingeringFromTheStoppedReleaseRollsBackAtStep2() {
    hosts.host("api-1").lingering = List.of(4711);
    assertRolledBack("Step 2: Stop Current Production Service [api-1]", "processes [4711] still run from the stopped release");
  }

  @Test
  void aWorldReadableEnvFileRollsBackAtStep4() {
    hosts.host("api-1").envMode = "644";
    assertRolledBack("Step 4: Configuration Update [api-1]", "is readable by every user (mode 644)");
  }

  @Test
  void aProjectWithoutItsAutoloadSectionRollsBackAtStep4() {
    hosts.host("api-2").autoloadSection = false;
    assertRolledBack("Step 4: Configuration Update [api-2]", "has no [autoload] section");
  }

  @Test
  void aServiceThatRestartsRightAfterStartingRollsBackAtStep5() {
    hosts.host("api-1").release("v2.5.0").restarts = true;
    assertRolledBack("Step 5: Start New Service [api-1]", "the service restarted on api-1: pid 1234, then 1299");
  }

  @Test
  void aServiceUsingTooMuchCpuOrMemoryRollsBackAtStep8() {
    hosts.host("api-2").release("v2.5.0").cpuPercent = 87;
    hosts.host("api-2").release("v2.5.0").residentBytes = 5_500_000_000L;
    DeploymentResult result = assertRolledBack("Step 8: Performance Verification [api-2]", "CPU 87");
    assertTrue(result.failedGate().contains("memory 5.5 GB >= 4 GB allowed"), result.failedGate());
  }

  @Test
  void externalAccessIsCheckedWhenTheEnvironmentNamesItsPublicUrl() {
    hosts.environment.withDns(new DnsSettings("", "", List.of(), 300, "http://10.0.0.1:8080/status"));
    assertEquals(Outcome.SUCCEEDED, testbed.deploy(DeploymentWorkflowTest.V2_5_0).outcome());
    ItemCheck external = item(testbed.deploymentSteps(), "Step 10: Final Validation", "External access");
    assertEquals(ItemCheck.Status.PASSED, external.status(), external.toString());
  }

  @Test
  void anEmergencyRollbackChecksEachItemOfItsVerificationList() {
    testbed.deploy(DeploymentWorkflowTest.V2_5_0);
    assertEquals(Outcome.SUCCEEDED, testbed.rollback(new RollbackRequest("sandbox", "error rate 7%", null, "")).outcome());

    List<StepResult> steps = testbed.rollbackSteps();
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 4: Start service [api-1]", "Service started").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 6: Verify health [api-2]", "Health check passes").status());
    ItemCheck previous = item(steps, "Step 6: Verify health [api-2]", "Previous version confirmed");
    assertEquals(ItemCheck.Status.PASSED, previous.status());
    assertTrue(previous.detail().contains("v2.4.0"), previous.detail());
    assertEquals(ItemCheck.Status.NOT_CHECKED, item(steps, "Step 6: Verify health [api-2]", "Error rate").status());
    assertEquals(ItemCheck.Status.PASSED, item(steps, "Step 7: Notify team", "Team notified").status());
  }

  @Test
  void anUndeliveredRollbackNoticeShowsItsItemFailedWithoutChangingTheOutcome() {
    testbed.deploy(DeploymentWorkflowTest.V2_5_0);
    hosts.notificationsFail = true;
    assertEquals(Outcome.SUCCEEDED, testbed.rollback(new RollbackRequest("sandbox", "error rate 7%", null, "")).outcome());
    assertEquals(ItemCheck.Status.FAILED, item(testbed.rollbackSteps(), "Step 7: Notify team", "Team notified").status());
  }

  private DeploymentResult assertAborted(String failedStep, String gateText) {
    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);
    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertEquals(failedStep, result.failedStep());
    assertTrue(result.failedGate().contains(gateText), result.failedGate());
    assertEquals(List.of(), hosts.changes(), "no change was made");
    return result;
  }

  private DeploymentResult assertRolledBack(String failedStep, String gateText) {
    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals(failedStep, result.failedStep());
    assertTrue(result.failedGate().contains(gateText), result.failedGate());
    for (String host : List.of("api-1", "api-2")) {
      assertEquals("production-v2.4.0", hosts.host(host).runningDir, host + " serves its previous release again");
    }
    ItemCheck failed = testbed.deploymentSteps().stream().filter(s -> s.label().equals(failedStep)).findFirst()
        .orElseThrow().items().stream().filter(i -> i.status() == ItemCheck.Status.FAILED).findFirst().orElseThrow();
    assertTrue(failed.detail().contains(gateText), "the failed item carries the gate's reason: " + failed);
    return result;
  }

  private static List<ItemCheck> items(List<StepResult> steps, String label) {
    return steps.stream().filter(s -> s.label().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + label + " in " + steps.stream().map(StepResult::label).toList()))
        .items();
  }

  private static ItemCheck item(List<StepResult> steps, String label, String prefix) {
    Map<String, ItemCheck> byName = items(steps, label).stream().collect(Collectors.toMap(ItemCheck::item, i -> i));
    return byName.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError(label + " has no item " + prefix + ": " + byName.keySet()));
  }
}
