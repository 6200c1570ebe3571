package io.spacetime.runbook.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scrape target: {@code GET /metrics} on 127.0.0.1 answers the gauges set with {@link #set} in
 * Prometheus's text format, so a test moves a metric across a rule by setting it.
 */
public final class MetricTarget implements AutoCloseable {

  private final Map<String, Double> gauges = new ConcurrentSkipListMap<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final HttpServer server;

  private MetricTarget() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(threads);
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
  }

  public static MetricTarget start() throws IOException {
    MetricTarget target = new MetricTarget();
    target.server.start();
    return target;
  }

  /** Sets the gauge {@code name} (a Prometheus metric name), served from the next scrape on. */
  public MetricTarget set(String name, double value) {
    gauges.put(name, value);
    return this;
  }

  /** {@code 127.0.0.1:PORT}, as a Prometheus static target. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private String exposition() {
    StringBuilder text = new StringBuilder();
    gauges.forEach((name, value) -> text.append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value).append('\n'));
    return text.toString();
  }
}
