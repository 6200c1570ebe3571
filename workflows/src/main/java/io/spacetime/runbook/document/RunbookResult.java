package io.spacetime.runbook.document;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import java.util.List;

/**
 * How a document's run ended: the outcome, the document's hash (which version of the file ran), a
 * summary report and each step's status; the full report is the {@code report} query.
 */
public record RunbookResult(
    Outcome outcome, String runbook, String environment, String documentSha256, String message, String report,
    List<StepResult> steps) {

  public RunbookResult {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
