package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.ItemCheck;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.TlsSettings;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentWorkflowTest {

  static final DeploymentRequest V2_5_0 = DeploymentRequest.of("sandbox", "v2.5.0");

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void succeedsWhenEveryGatePasses() {
    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(List.of(
        "Load Environment", "Deployment Window", "Deployment Lock",
        "1.1 Server Resources [api-1]", "1.1 Server Resources [api-2]",
        "1.2 Network Configuration [api-1]", "1.2 Network Configuration [api-2]",
        "1.3 Security Group Setup [api-1]", "1.3 Security Group Setup [api-2]",
        "1.4 DNS Configuration [api-1]", "1.4 DNS Configuration [api-2]",
        "2.1 Version Verification [api-1]", "2.1 Version Verification [api-2]",
        "2.2 Dependency Check [api-1]", "2.2 Dependency Check [api-2]",
        "3.1 Current State Backup [api-1]", "3.1 Current State Backup [api-2]",
        "4.1 Staging Environment Tests [api-1]", "4.2 Load Testing [api-1]", "4.2 Stop Staging Environment [api-1]",
        "Step 1: Notification and Preparation",
        "Step 2: Stop Current Production Service [api-1]", "Step 3: Deploy New Version [api-1]",
        "Step 4: Configuration Update [api-1]", "Step 5: Start New Service [api-1]",
        "Step 6: Service Health Checks [api-1]", "Step 7: Functional Testing [api-1]",
        "Step 8: Performance Verification [api-1]", "Step 9: Load Balancer Integration [api-1]",
        "Step 2: Stop Current Production Service [api-2]", "Step 3: Deploy New Version [api-2]",
        "Step 4: Configuration Update [api-2]", "Step 5: Start New Service [api-2]",
        "Step 6: Service Health Checks [api-2]", "Step 7: Functional Testing [api-2]",
        "Step 8: Performance Verification [api-2]", "Step 9: Load Balancer Integration [api-2]",
        "Step 10: Final Validation", "Post-Deployment Validation: Watch Window"),
        result.steps().stream().map(StepResult::label).toList());
    assertEquals(Map.of("api-1", "v2.4.0", "api-2", "v2.4.0"), result.previousVersions());
    assertEquals(List.of("production-v2.5.0", "production-v2.5.0"),
        List.of(hosts.host("api-1").runningDir, hosts.host("api-2").runningDir));
    assertNull(hosts.lockHolder, "the lock is released");
    String report = testbed.deploymentReport();
    result.steps().forEach(step -> assertTrue(report.contains(step.label()), step.label() + " is in the full report"));
    assertTrue(result.report().contains("Steps: "), "the result's report is the summary: " + result.report());
  }

  @Test
  void tagsTheRunForTheWebUi() {
    testbed.deploy(V2_5_0);

    SearchAttributes tags = testbed.client().newUntypedWorkflowStub(RunbookTestbed.DEPLOYMENT_ID).describe()
        .getTypedSearchAttributes();
    assertEquals("DeploymentWorkflow", tags.get(RunbookSearchAttributes.RUNBOOK_TYPE));
    assertEquals("sandbox", tags.get(RunbookSearchAttributes.ENVIRONMENT));
    assertEquals("v2.5.0", tags.get(RunbookSearchAttributes.RELEASE_VERSION));
    assertEquals("SUCCEEDED", tags.get(RunbookSearchAttributes.OUTCOME));
  }

  @Test
  void skipsWhatTheEnvironmentDoesNotHave() {
    hosts.environment.withTls(TlsSettings.disabled()).withStaging(StagingSettings.disabled()).withRequiredTools(List.of());

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(Map.of(
        "4.1 Staging Environment Tests", "staging disabled for this environment (staging.enabled: false)",
        "4.2 Load Testing", "staging disabled for this environment (staging.enabled: false)",
        "Step 9: Load Balancer Integration [api-1]", "no load balancer configured (loadBalancer.type: none)",
        "Step 9: Load Balancer Integration [api-2]", "no load balancer configured (loadBalancer.type: none)",
        "Post-Deployment Validation: Watch Window",
        "watch.windowMinutes is 0 for this environment: the release is not watched after Step 10"),
        result.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED)
            .collect(Collectors.toMap(StepResult::label, StepResult::summary)));
    // 2.2 still runs without tools: the staged release's addon files are checked, the tools are not.
    Map<String, ItemCheck> items = testbed.deploymentSteps().stream().filter(s -> s.label().equals("2.2 Dependency Check [api-1]"))
        .findFirst().orElseThrow().items().stream().collect(Collectors.toMap(ItemCheck::item, i -> i));
    assertEquals(ItemCheck.Status.PASSED, items.get("Addon files present and readable").status());
    assertEquals(ItemCheck.Status.NOT_CHECKED, items.get("Godot version >= 4.5.0").status());
    assertTrue(items.get("Godot version >= 4.5.0").detail().contains("requiredTools"), items.toString());
  }


  @Test
  void abortsWhenTheEnvironmentIsUnknown() {
    DeploymentResult result = testbed.deploy(DeploymentRequest.of("staging-eu", "v2.5.0"));

    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals("Load Environment", result.failedStep());
    assertEquals("no environments/staging-eu.yaml", result.failedGate());
    assertEquals(List.of("load staging-eu"), hosts.calls());
  }

  @Test
  void dryRunReturnsPlanWithoutChanges() {
    DeploymentResult result = testbed.deploy(new DeploymentRequest("sandbox", "v2.5.0", true, false, "", ""));

    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals("dry run: 14 checks passed, 22 changes planned", result.message());
    assertEquals("Step 3: Deploy New Version [api-2]: copy /opt/spacetime/staging to /opt/spacetime/production-v2.5.0, "
        + "point /opt/spacetime/production at production-v2.5.0; rollback: point it back", result.plannedChanges().get(14));
    assertEquals(List.of(), hosts.changes());
    assertEquals(List.of(), hosts.backupIds());
    assertTrue(hosts.calls().stream().noneMatch(c -> c.startsWith("lock")), "a dry run takes no lock");
  }

  @Test
  void deploymentLockRefusesSecondRun() {
    hosts.lockHolder = "deploy-sandbox-123";
    hosts.lockDescription = "deployment of v2.4.1 to sandbox";

    DeploymentResult result = testbed.deploy(V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome());
    assertTrue(result.message().contains("environment sandbox is locked by deploy-sandbox-123 (deployment of v2.4.1 to sandbox)"),
        result.message());
    assertEquals(List.of(), hosts.changes());
    assertEquals("deploy-sandbox-123", hosts.lockHolder, "the other run keeps its lock");
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInputIsRejectedBeforeAnyActivity(DeploymentRequest request) {
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> testbed.deploy(request));

    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals("InvalidInput", cause.getType());
    assertEquals(List.of(), hosts.calls());
  }

  static Stream<DeploymentRequest> badInputs() {
    return Stream.of(
        DeploymentRequest.of("sandbox", "v1;rm -rf /"),
        DeploymentRequest.of("sandbox", "$(touch x)"),
        DeploymentRequest.of("sandbox", "../../etc"),
        DeploymentRequest.of("", "v2.5.0"));
  }

  /** The step of the run {@code DEPLOYMENT_ID} as its progress query reports it, with gates and evidence. */
  static StepResult step(RunbookTestbed testbed, String label) {
    List<StepResult> steps = testbed.deploymentSteps();
    return steps.stream().filter(s -> s.label().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + label + " in " + steps));
  }

  static StepResult step(DeploymentResult result, String label) {
    return result.steps().stream().filter(s -> s.label().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + label + " in " + result.steps()));
  }
}
