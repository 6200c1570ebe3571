package io.spacetime.runbook.incident;

import io.temporal.activity.ActivityInterface;

/** A runbook document's {@code incident} step: open the incident of a type, or join the open one. */
@ActivityInterface
public interface IncidentOpening {

  /**
   * One signal-with-start of the incident workflow under its key (as the intake does): a new
   * incident, or {@code occurrence} joins the open one. A retry repeats the same episode, which the
   * incident counts once. Returns the incident's key.
   */
  String openOrJoinIncident(IncidentRequest request, AlertOccurrence occurrence);
}
