package io.spacetime.runbook.worker;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The worker's metrics in Prometheus format on {@code GET /metrics}: the Temporal SDK's worker
 * and client metrics (task latencies, activity failures, poll health) plus the runbook outcome
 * counters the workflows emit through {@code Workflow.getMetricsScope()}.
 */
public final class WorkerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope scope = new RootScopeBuilder()
      .reporter(new MicrometerClientStatsReporter(registry))
      .reportEvery(com.uber.m3.util.Duration.ofSeconds(5));
  private HttpServer server;

  public Scope scope() {
    return scope;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Serves {@code /metrics} on {@code address:port}; port 0 picks a free one. Returns the port. */
  public int serve(String address, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      // Closing only flushes the last report; nothing is lost that a scrape still needs.
    }
    registry.close();
  }
}
