package io.spacetime.runbook.rollback;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import java.util.List;
import java.util.Map;

/**
 * How an emergency rollback ended: SUCCEEDED when every host serves {@code restoredVersions} and
 * is healthy, ABORTED when there was nothing to roll back to, ROLLBACK_FAILED when a person must act.
 */
public record RollbackResult(
    Outcome outcome,
    String environment,
    Map<String, String> fromVersions,
    Map<String, String> restoredVersions,
    String message,
    List<StepResult> steps,
    String report) {}
