package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.Step;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * One "Resolution Procedures" scenario of a runbook incident: when the evidence calls for it, and
 * what it does (safe actions by themselves, risky ones through {@link IncidentTools#approved}).
 *
 * @param id the runbook's "Scenario A"
 * @param applies whether the findings call for it
 * @param fix does it; true when it changed something worth verifying
 */
record Scenario(String id, String title, Predicate<Findings> applies, BiPredicate<IncidentTools, Findings> fix) {

  String label() {
    return id + ": " + title;
  }

  /** The step its fix is recorded as. */
  Step step() {
    return new Step(id, title);
  }
}
