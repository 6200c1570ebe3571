package io.spacetime.runbook.ports.probes;

/**
 * Runbook 4.2: the built-in load generator's result, in the shape of the runbook's
 * {@code load_test.py} output.
 */
public record LoadTestReport(
    String url,
    int users,
    int durationSeconds,
    long totalRequests,
    long errors,
    double successPercent,
    double averageMs,
    double p95Ms,
    double p99Ms,
    double maxMs,
    Long timeouts) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public LoadTestReport {
    url = url == null ? "" : url;
  }
}
