package io.spacetime.runbook.ports.incident;

/**
 * A kind of log line the runbook says to look for ("Crash messages", "Out of memory errors"),
 * matched as a case-insensitive extended regular expression ({@code grep -Eic}).
 */
public record LogPattern(String name, String regex) {}
