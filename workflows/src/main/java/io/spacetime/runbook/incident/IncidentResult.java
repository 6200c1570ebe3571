package io.spacetime.runbook.incident;

/**
 * How an incident ended: resolved (the usual end, after the cool-down passed without a new
 * firing) or cancelled, with the post-mortem draft the runbook's template asks for.
 */
public record IncidentResult(String key, String type, String environment, String severity, IncidentStatus status,
    long durationSeconds, int occurrences, int reopened, String postMortem) {}
