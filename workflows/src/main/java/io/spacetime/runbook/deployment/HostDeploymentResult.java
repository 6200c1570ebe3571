package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.StepResult;
import java.util.List;

/**
 * How one host of a rollout ended in its child workflow: deployed (Steps 2-9 passed), or failed
 * and rolled back by the child itself, or failed and not restored.
 *
 * @param release what its undo needs; the previous release is empty when Step 2 was not reached
 * @param logOffset where the service log stood when the new release started (Step 10 reads on from there)
 * @param stoppedAt the step that failed, with why ("Step 7: Functional Testing [api-3]: HTTP 500")
 * @param steps every step of the host, with its gates and evidence, for the deployment's report
 */
public record HostDeploymentResult(
    String host, Status status, HostRelease release, long logOffset, String stoppedAt, String undoFailures,
    List<StepResult> steps) {

  public enum Status {
    /** Steps 2-9 passed: the host serves the new release. */
    DEPLOYED,
    /** A step failed; every change on the host was undone and its previous release is healthy. */
    ROLLED_BACK,
    /** A step failed and an undo failed too: the host's state needs a person. */
    ROLLBACK_FAILED
  }

  public HostDeploymentResult {
    stoppedAt = stoppedAt == null ? "" : stoppedAt;
    undoFailures = undoFailures == null ? "" : undoFailures;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  boolean deployed() {
    return status == Status.DEPLOYED;
  }
}
