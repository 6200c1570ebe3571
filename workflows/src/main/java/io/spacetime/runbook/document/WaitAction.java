package io.spacetime.runbook.document;

/** {@code wait}: a durable timer ({@code 10m}, {@code 30s}, {@code 1h}); a worker restart does not shorten it. */
public record WaitAction(String duration) {}
