package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowUpdateException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runbook's Deployment Window: Tuesday/Thursday 10:00-12:00 UTC. Outside it a deployment is
 * refused, unless it is an emergency, which waits (in workflow time) for a manager's approval.
 */
class EmergencyDeploymentTest {

  /** Wednesday 10:30 UTC: outside the standard windows, outside the blackout. */
  static final Instant WEDNESDAY_MORNING = Instant.parse("2025-12-03T10:30:00Z");
  static final DeploymentRequest EMERGENCY =
      new DeploymentRequest("sandbox", "v2.5.0", false, true, "CVE-2025-1234 in the scene loader", "sam");

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts).startingAt(WEDNESDAY_MORNING);

  @Test
  void windowRefusesOutsideWithoutEmergency() {
    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals("Deployment Window", result.failedStep());
    assertEquals("2025-12-03T10:30:00Z (Wednesday) is outside the standard windows (Tuesday/Thursday 10:00-12:00 UTC); "
        + "the next standard window starts 2025-12-04T10:00:00Z (Thursday)", result.failedGate());
    assertEquals(List.of(), hosts.changes());
    assertNull(hosts.lockHolder, "the lock is released");
  }

  @Test
  void windowWaitsForEmergencyApprovalThenDeploys() {
    Checkpoint asked = hosts.watchFor("notify warning: Deployment v2.5.0 to sandbox waits for an emergency approval");
    DeploymentWorkflow run = testbed.startDeployment(EMERGENCY);
    asked.awaitReached();

    String recorded = run.approveEmergency(new EmergencyApproval("Dana Manager", "CVE fix cannot wait until Thursday"));
    DeploymentResult result = testbed.resultOf(run);

    assertEquals("emergency deployment approved by Dana Manager: CVE fix cannot wait until Thursday", recorded);
    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    Evidence approval = DeploymentWorkflowTest.step(testbed, "Deployment Window").evidence().stream()
        .filter(e -> e.action().equals("approveEmergency")).findFirst().orElseThrow();
    assertEquals("Dana Manager", approval.observed().get("approver"));
    assertEquals("CVE fix cannot wait until Thursday", approval.observed().get("reason"));
  }

  @Test
  void approvalValidatorRejectsMissingApprover() {
    Checkpoint asked = hosts.watchFor("notify warning");
    DeploymentWorkflow run = testbed.startDeployment(EMERGENCY);
    asked.awaitReached();

    WorkflowUpdateException rejected = assertThrows(WorkflowUpdateException.class,
        () -> run.approveEmergency(new EmergencyApproval("", "CVE fix")));

    assertTrue(rejected.getCause().getMessage().contains("approver is required"), rejected.getCause().getMessage());
    assertEquals(DeploymentWindowCheck.WAITING_FOR, run.progress().waitingFor(), "still waiting for a valid approval");
  }

  @Test
  void approvalTimesOutToAborted() {
    DeploymentResult result = testbed.deploy(EMERGENCY);

    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals("Deployment Window", result.failedStep());
    assertTrue(result.failedGate().startsWith("no emergency approval arrived within 240 minutes; 2025-12-03T10:30:00Z"),
        result.failedGate());
    assertEquals(List.of(), hosts.changes());
  }
}
