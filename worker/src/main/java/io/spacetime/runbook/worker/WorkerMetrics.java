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
    return serve(address, port, null);
  }

  /** {@code /metrics}, and with a health {@code /livez} and {@code /readyz} (200 or 503, one line why). */
  public int serve(String address, int port, WorkerHealth health) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, port), 0);
    if (health != null) {
      server.createContext("/livez", exchange -> answer(exchange, health.live()));
      server.createContext("/readyz", exchange -> answer(exchange, health.ready()));
    }
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

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, WorkerHealth.Verdict verdict)
      throws IOException {
    byte[] body = (verdict.reason() + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(verdict.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
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
