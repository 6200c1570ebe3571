package io.spacetime.runbook.starter.client;

import io.spacetime.runbook.ports.incident.IncidentSummary;
import java.util.List;

/**
 * The open incidents, newest first, and where the list came from: {@value #VISIBILITY} (the
 * server's search of running IncidentWorkflows, by their search attributes) or {@value #INDEX}
 * (the IncidentIndexWorkflow, on a server without visibility such as the embedded one). From
 * visibility a line carries what the server indexes (key, type, environment, severity, start,
 * summary); status and acknowledgement come from the incident itself ({@code incident show}).
 */
public record OpenIncidents(List<IncidentSummary> incidents, String source) {

  public static final String VISIBILITY = "visibility";
  public static final String INDEX = "index";

  public OpenIncidents {
    incidents = List.copyOf(incidents);
  }
}
