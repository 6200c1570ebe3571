package io.spacetime.runbook.probes;

/** Step 8: {@code count} sequential GETs of a URL, timed. */
public record ResponseTimes(String url, int count, int failures, double averageMs, double maxMs) {}
