package io.spacetime.runbook.rollback;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.WorkflowInput;
import io.spacetime.runbook.lock.EnvironmentLock;
import io.temporal.workflow.WorkflowInit;

/**
 * The Emergency Rollback Procedure as a workflow: validated input, the same environment lock as a
 * deployment (so a rollback never races a deployment), the procedure itself
 * ({@link EmergencyRollback}), and the lock released on every path.
 */
public final class RollbackWorkflowImpl implements RollbackWorkflow {

  static final String RUNBOOK = "Emergency Rollback Procedure (RUNBOOK_DEPLOYMENT.md)";

  private final Procedure procedure;
  private final ActivityStubs stubs;

  /** Builds the procedure before any handler runs, so a progress query always has an answer. */
  @WorkflowInit
  public RollbackWorkflowImpl(RollbackRequest request) {
    procedure = new Procedure(RUNBOOK, request == null ? "" : request.environment());
    stubs = ActivityStubs.forStepsOf(procedure);
  }

  @Override
  public RollbackResult rollback(RollbackRequest request) {
    WorkflowInput.require(request, "rollback request", "{\"environment\": ..., \"reason\": ...}");
    procedure.publishSearchAttributes(TYPE, request.toVersion());
    EnvironmentLock lock = new EnvironmentLock(procedure, stubs, request.environment());
    try {
      return new EmergencyRollback(request, procedure, stubs).run(lock);
    } finally {
      lock.release();
    }
  }

  @Override
  public Progress progress() {
    return procedure.progress();
  }

  @Override
  public String report() {
    return procedure.report();
  }
}
