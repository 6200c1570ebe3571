package io.spacetime.runbook.ports.incident;

import io.temporal.activity.ActivityInterface;

/**
 * Keeps the {@code IncidentIndexWorkflow} up to date (signal-with-start, so the index exists the
 * first time it is needed). Idempotent: an upsert replaces the incident's line.
 */
@ActivityInterface
public interface IncidentIndexActivities {

  void upsertIncident(IncidentSummary summary);

  void removeIncident(String key);
}
