package io.spacetime.runbook.ports.incident;

import io.temporal.activity.ActivityInterface;

/**
 * The engine's own incident history: the IncidentWorkflow runs of an environment, read from the
 * Temporal server's visibility, so a runbook document can report and judge the night's incidents.
 */
@ActivityInterface
public interface IncidentHistoryActivities {

  /** The most incidents one answer lists; the count says when there were more. */
  int MAX = 200;

  IncidentHistory incidentHistory(IncidentHistoryQuery query);
}
