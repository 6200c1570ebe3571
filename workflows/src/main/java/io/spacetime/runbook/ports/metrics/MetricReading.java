package io.spacetime.runbook.ports.metrics;

import java.util.Map;

/**
 * The answer to one Prometheus instant query.
 *
 * @param found false when no series matched (the value is then 0)
 * @param labels the first series' labels
 * @param seriesCount how many series matched
 */
public record MetricReading(String query, boolean found, double value, Map<String, String> labels, int seriesCount,
    long durationMs) {

  public MetricReading {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
