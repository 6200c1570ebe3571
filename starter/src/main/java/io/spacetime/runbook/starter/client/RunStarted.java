package io.spacetime.runbook.starter.client;

/** A deployment or rollback run: its workflow id (what {@code status} and {@code /v1/runs/{id}} take) and run id. */
public record RunStarted(String workflowId, String runId) {}
