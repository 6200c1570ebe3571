package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import java.util.List;
import java.util.Map;

/**
 * How a deployment ended.
 *
 * @param previousVersions what each host served before ("api-1" -> "v2.4.0")
 * @param failedStep the step whose gate failed, empty on success
 * @param failedGate the failed gate's reason with its measured value and threshold
 * @param plannedChanges for a dry run: the changes a real run would make, in order
 * @param report the whole run as Markdown
 */
public record DeploymentResult(
    Outcome outcome,
    String environment,
    String version,
    Map<String, String> previousVersions,
    String failedStep,
    String failedGate,
    String message,
    List<String> plannedChanges,
    List<StepResult> steps,
    String report) {}
