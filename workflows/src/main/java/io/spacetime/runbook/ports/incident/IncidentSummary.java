package io.spacetime.runbook.ports.incident;

/**
 * One line of {@code incident list} and {@code GET /v1/incidents}.
 *
 * @param status the incident's status word ("Investigating", "Monitoring", ...)
 */
public record IncidentSummary(String key, String type, String environment, String severity, String status,
    String summary, long startedAt, String acknowledgedBy) {}
