package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.Map;

/** A rollback that restores v2.4.0 at once. */
public final class StubRollbackWorkflow implements RollbackWorkflow {

  private final RollbackRequest request;

  @WorkflowInit
  public StubRollbackWorkflow(RollbackRequest request) {
    this.request = request;
  }

  @Override
  public RollbackResult rollback(RollbackRequest request) {
    return new RollbackResult(Outcome.SUCCEEDED, request.environment(), Map.of("api-1", "v2.5.0"),
        Map.of("api-1", "v2.4.0"), "restored v2.4.0", List.of(), "# Emergency rollback\n\nrestored v2.4.0\n");
  }

  @Override
  public Progress progress() {
    return new Progress("rollback", request.environment(), "", "", Outcome.SUCCEEDED, List.of());
  }

  @Override
  public String report() {
    return "# Emergency rollback\n";
  }
}
