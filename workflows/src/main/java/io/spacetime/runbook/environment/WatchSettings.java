package io.spacetime.runbook.environment;

/**
 * The watch window after Step 10 (RUNBOOK_DEPLOYMENT.md "Post-Deployment Validation: Immediate
 * Validation (0-30 minutes)" and "When to Rollback"), each field with the runbook's number as default.
 *
 * @param windowMinutes how long the release is watched after Step 10 (runbook: 30); 0 turns the window off
 * @param intervalSeconds the pause between two samples (runbook: {@code watch -n 30})
 * @param rollbackErrorRatePercent and {@code rollbackP95Ms}: "Immediate Rollback Required" above
 *     these (runbook: error rate > 5 %, p95 > 500 ms); the run rolls back by itself
 * @param considerErrorRatePercent and {@code considerP95Ms}: "Consider Rollback" above these
 *     (runbook: > 1 %, > 300 ms); the run notifies and waits for a decision
 * @param decisionTimeoutMinutes how long a "consider rollback" waits for the {@code decideRollback}
 *     update; without a decision the run rolls back (a release in doubt is not left serving unwatched)
 * @param requestsPerEndpoint requests to each endpoint of each host per sample, when the samples come
 *     from the service's own endpoints
 * @param prometheusUrl when set, samples are read from Prometheus with the two queries below instead
 *     of from the endpoints
 * @param errorRateQuery PromQL whose value is the share of 5xx answers, 0..1 (the runbook's query)
 * @param p95Query PromQL whose value is the 95th percentile response time in seconds
 */
public record WatchSettings(
    Integer windowMinutes,
    Integer intervalSeconds,
    Double rollbackErrorRatePercent,
    Double rollbackP95Ms,
    Double considerErrorRatePercent,
    Double considerP95Ms,
    Integer decisionTimeoutMinutes,
    Integer requestsPerEndpoint,
    String prometheusUrl,
    String errorRateQuery,
    String p95Query) {

  /** RUNBOOK_INCIDENTS.md's error-rate query, summed over every series so it is one number. */
  public static final String RUNBOOK_ERROR_RATE_QUERY =
      "sum(rate(http_requests_total{status=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";
  /** RUNBOOK_INCIDENTS.md's p95 query, summed by bucket so it is one number. */
  public static final String RUNBOOK_P95_QUERY =
      "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))";

  public WatchSettings {
    windowMinutes = windowMinutes == null ? 30 : windowMinutes;
    intervalSeconds = intervalSeconds == null ? 30 : intervalSeconds;
    rollbackErrorRatePercent = rollbackErrorRatePercent == null ? 5.0 : rollbackErrorRatePercent;
    rollbackP95Ms = rollbackP95Ms == null ? 500.0 : rollbackP95Ms;
    considerErrorRatePercent = considerErrorRatePercent == null ? 1.0 : considerErrorRatePercent;
    considerP95Ms = considerP95Ms == null ? 300.0 : considerP95Ms;
    decisionTimeoutMinutes = decisionTimeoutMinutes == null ? 15 : decisionTimeoutMinutes;
    requestsPerEndpoint = requestsPerEndpoint == null ? 10 : requestsPerEndpoint;
    prometheusUrl = prometheusUrl == null ? "" : prometheusUrl;
    errorRateQuery = errorRateQuery == null || errorRateQuery.isBlank() ? RUNBOOK_ERROR_RATE_QUERY : errorRateQuery;
    p95Query = p95Query == null || p95Query.isBlank() ? RUNBOOK_P95_QUERY : p95Query;
  }

  public static WatchSettings runbookDefaults() {
    return new WatchSettings(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The same settings with another window length (0: off). */
  public WatchSettings withWindowMinutes(int minutes) {
    return new WatchSettings(minutes, intervalSeconds, rollbackErrorRatePercent, rollbackP95Ms, considerErrorRatePercent,
        considerP95Ms, decisionTimeoutMinutes, requestsPerEndpoint, prometheusUrl, errorRateQuery, p95Query);
  }

  /** True when samples are read from Prometheus rather than from the endpoints. */
  public boolean fromPrometheus() {
    return !prometheusUrl.isEmpty();
  }
}
