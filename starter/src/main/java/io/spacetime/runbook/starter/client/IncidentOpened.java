package io.spacetime.runbook.starter.client;

/**
 * What an incident report reached: the incident's key (its workflow id, the same for every report
 * of one alert) and the run that holds it now, newly started or the open one joined.
 */
public record IncidentOpened(String key, String runId) {}
