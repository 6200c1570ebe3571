package io.spacetime.runbook.ports.incident;

/**
 * Which incidents of an environment to list from the server's visibility.
 *
 * @param openedAfter epoch milliseconds: only incidents opened at or after it; 0: any time
 * @param stillOpen only incidents whose run is still open
 */
public record IncidentHistoryQuery(String environment, long openedAfter, boolean stillOpen) {}
