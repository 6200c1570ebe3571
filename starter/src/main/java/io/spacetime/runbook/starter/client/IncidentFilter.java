package io.spacetime.runbook.starter.client;

import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.incident.IncidentType;
import io.spacetime.runbook.ports.incident.IncidentSummary;

/**
 * Which open incidents {@code incident list} and {@code GET /v1/incidents} show; an empty field
 * matches every incident. Values are allow-listed, so they can be quoted into a visibility query.
 */
public record IncidentFilter(String environment, String severity, String type) {

  public static final IncidentFilter ALL = new IncidentFilter("", "", "");

  public IncidentFilter {
    environment = environment == null ? "" : environment;
    severity = severity == null ? "" : severity;
    type = type == null ? "" : type;
  }

  public void validate() {
    InputRules rules = InputRules.check()
        .require(severity.isEmpty() || severity.matches("P[0-4]"),
            "severity \"" + InputRules.printable(severity) + "\" is not one of P0, P1, P2, P3, P4")
        .require(type.isEmpty() || IncidentType.isKnown(type),
            "type \"" + InputRules.printable(type) + "\" is not known; use one of: " + IncidentType.names());
    if (!environment.isEmpty()) {
      rules.environment("environment", environment);
    }
    rules.orThrow("incident filter");
  }

  /** The visibility query of the open incidents this filter selects. */
  String visibilityQuery() {
    StringBuilder query = new StringBuilder("WorkflowType='IncidentWorkflow' AND ExecutionStatus='Running'");
    if (!environment.isEmpty()) {
      query.append(" AND Environment='").append(environment).append('\'');
    }
    if (!severity.isEmpty()) {
      query.append(" AND Severity='").append(severity).append('\'');
    }
    if (!type.isEmpty()) {
      query.append(" AND IncidentType='").append(type).append('\'');
    }
    return query.toString();
  }

  boolean matches(IncidentSummary incident) {
    return (environment.isEmpty() || environment.equals(incident.environment()))
        && (severity.isEmpty() || severity.equals(incident.severity()))
        && (type.isEmpty() || type.equals(incident.type()));
  }
}
