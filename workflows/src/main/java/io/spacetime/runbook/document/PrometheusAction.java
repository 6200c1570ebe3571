package io.spacetime.runbook.document;

/**
 * {@code prometheus}: one instant query against the environment's Prometheus and the limits its
 * value must lie within. {@code metric} names a query the environment file configures
 * ({@code errorRate}: {@code watch.errorRateQuery}, {@code p95}: {@code watch.p95Query}, each the
 * runbook's query by default); {@code query} gives PromQL itself. An environment without
 * Prometheus ({@code incident.prometheusUrl} or {@code watch.prometheusUrl}) records the step as
 * not checked, never as passed.
 *
 * @param metric {@code errorRate} or {@code p95}; exactly one of metric and query
 * @param unit for the report only; the value is compared as Prometheus answers it (a ratio, seconds)
 */
public record PrometheusAction(String metric, String query, String unit, Double min, Double max) {

  public static final String ERROR_RATE = "errorRate";
  public static final String P95 = "p95";

  public PrometheusAction {
    metric = metric == null ? "" : metric;
    query = query == null ? "" : query;
    unit = unit == null ? "" : unit;
  }
}
