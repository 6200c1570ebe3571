package io.spacetime.runbook.incident;

/** One line of {@code incident list} and {@code GET /v1/incidents}. */
public record IncidentSummary(String key, String type, String environment, String severity, IncidentStatus status,
    String summary, long startedAt, String acknowledgedBy) {}
