package io.spacetime.runbook.ports.notify;

/**
 * A message to the team (Step 1 "Send deployment notification", rollback "Notify team").
 *
 * @param severity info, warning or critical
 * @param runId the workflow id, so the reader can find the run in the Temporal UI
 */
public record Notice(String environment, String severity, String title, String text, String runId) {

  public static final String INFO = "info";
  public static final String WARNING = "warning";
  public static final String CRITICAL = "critical";
}
