package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An approval nobody asked for is turned away, and the run it was sent to carries on unchanged. */
class EmergencyApprovalOutsideWaitTest {

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void approvalIsRejectedWhenTheRunIsNotWaitingForOne() {
    Checkpoint copying = hosts.pauseAt("copyRelease api-1");
    DeploymentWorkflow run = testbed.startDeployment(DeploymentWorkflowTest.V2_5_0);
    copying.awaitReached();

    WorkflowUpdateException rejected = assertThrows(WorkflowUpdateException.class,
        () -> run.approveEmergency(new EmergencyApproval("Dana Manager", "just in case")));
    copying.release();

    assertTrue(rejected.getCause().getMessage().contains(EmergencyApprovals.NOT_WAITING), rejected.getCause().getMessage());
    assertEquals(Outcome.SUCCEEDED, testbed.resultOf(run).outcome());
  }
}
