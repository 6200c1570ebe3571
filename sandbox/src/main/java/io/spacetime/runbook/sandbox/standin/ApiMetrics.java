package io.spacetime.runbook.sandbox.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * {@code GET /metrics}: what the incident runbook's Prometheus queries read, in the Prometheus text
 * format written by the client library: {@code http_requests_total{endpoint,status}},
 * {@code http_request_duration_seconds} (a histogram by endpoint) and the standard process metrics,
 * {@code process_resident_memory_bytes} among them. Only the API's requests are counted, not the
 * scrapes: a scrape every second would otherwise dilute the error rate the runbook computes.
 */
final class ApiMetrics {

  /** The endpoints of the API; any other path is counted as {@code other}, so a scanner cannot grow the series. */
  static final Set<String> ENDPOINTS = Set.of("/status", "/connect", "/disconnect", "/scene/load");
  /**
   * Seconds. The runbook's thresholds (100 ms average and 200 ms p95 when resolved, 300 ms P2, 1 s P1)
   * are bounds, so a quantile estimated at them is exact.
   */
  private static final double[] DURATION_BOUNDS =
      {0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0, 10.0};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
  private final Counter requests = Counter.builder()
      .name("http_requests_total")
      .help("API requests answered, by endpoint and HTTP status")
      .labelNames("endpoint", "status")
      .withoutExemplars()
      .register(registry);
  private final Histogram durations = Histogram.builder()
      .name("http_request_duration_seconds")
      .help("Time from receiving an API request to its answer, by endpoint")
      .labelNames("endpoint")
      .classicOnly()
      .classicUpperBounds(DURATION_BOUNDS)
      .withoutExemplars()
      .register(registry);

  ApiMetrics() {
    ProcessMetrics.builder().register(registry);
    // Series that exist from the start, at 0: the runbook's rate(5xx) / rate(all) then has data before
    // the first error, and a rate over a series that appears mid-window would miss its first increments.
    for (String endpoint : ENDPOINTS) {
      requests.initLabelValues(endpoint, "200");
      requests.initLabelValues(endpoint, "500");
      durations.initLabelValues(endpoint);
    }
  }

  /** The {@code endpoint} label of a request path. */
  static String endpoint(String path) {
    return ENDPOINTS.contains(path) ? path : "other";
  }

  void observe(String endpoint, int status, long nanos) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    durations.labelValues(endpoint).observe(nanos / 1e9);
  }

  void registerOn(HttpServer server) {
    server.createContext("/metrics", this::scrape);
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      writer.write(body, registry.scrape());
      exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
      exchange.sendResponseHeaders(200, body.size());
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }
}
