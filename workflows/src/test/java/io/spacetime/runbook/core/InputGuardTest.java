package io.spacetime.runbook.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.deployment.DeploymentWorkflowImpl;
import io.spacetime.runbook.lock.EnvironmentLockWorkflowImpl;
import io.spacetime.runbook.rollback.RollbackWorkflowImpl;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.Test;

/** The guard can turn a malformed input into a failed run only for a workflow that decodes it in @WorkflowInit. */
class InputGuardTest {

  @WorkflowInterface
  public interface Incident {
    @WorkflowMethod
    void triage(String alert);
  }

  /** A next runbook written without {@code @WorkflowInit}. */
  public static final class IncidentWithoutInit implements Incident {
    @Override
    public void triage(String alert) {}
  }

  @Test
  void workflowWhoseInputWouldBeDecodedOutsideTheGuardIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputGuard.requireGuardable(IncidentWithoutInit.class));

    assertTrue(e.getMessage().contains("IncidentWithoutInit takes arguments but has no @WorkflowInit constructor"),
        e.getMessage());
  }

  @Test
  void everyRunbookWorkflowIsGuardable() {
    assertDoesNotThrow(() -> InputGuard.requireGuardable(DeploymentWorkflowImpl.class));
    assertDoesNotThrow(() -> InputGuard.requireGuardable(RollbackWorkflowImpl.class));
    assertDoesNotThrow(() -> InputGuard.requireGuardable(EnvironmentLockWorkflowImpl.class));
  }
}
