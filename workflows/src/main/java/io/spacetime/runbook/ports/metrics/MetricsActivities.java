package io.spacetime.runbook.ports.metrics;

import io.temporal.activity.ActivityInterface;

/** Prometheus queries, like the runbook's {@code curl .../api/v1/query?query=...}. */
@ActivityInterface
public interface MetricsActivities {

  /**
   * One instant query ({@code GET <prometheusUrl>/api/v1/query}); the first series' value. A query
   * that matches nothing is {@code found == false}, not an error.
   */
  MetricReading instantQuery(String prometheusUrl, String query);
}
