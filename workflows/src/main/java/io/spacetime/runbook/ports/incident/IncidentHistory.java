package io.spacetime.runbook.ports.incident;

import java.util.List;

/**
 * The incidents a {@link IncidentHistoryQuery} found, newest first, and where the list came from.
 *
 * @param source how the server was asked ("visibility query ..." or "open/closed execution lists")
 * @param truncated true when more matched than the {@value IncidentHistoryActivities#MAX} listed
 */
public record IncidentHistory(List<IncidentSummary> incidents, String source, boolean truncated) {

  public IncidentHistory {
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
    source = source == null ? "" : source;
  }
}
