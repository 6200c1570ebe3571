package io.spacetime.runbook.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.spacetime.runbook.e2e.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An Alertmanager webhook receiver on 127.0.0.1: records every notification POSTed to
 * {@link #url()} and answers 200, as the incident intake will.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One POST as received, with when: {@link System#nanoTime()} (to measure) and the wall clock (to compare with startsAt). */
  public record Notification(JsonNode body, long receivedNanos, Instant receivedAt) {

    public String status() {
      return body.path("status").asText();
    }

    /** The first alert of the group: the scenarios here have one alert per group. */
    public JsonNode alert() {
      return body.path("alerts").path(0);
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final HttpServer server;

  private WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(threads);
    server.createContext("/alerts", exchange -> {
      try (exchange) {
        long received = System.nanoTime();
        Instant receivedAt = Instant.now();
        JsonNode body = json.readTree(exchange.getRequestBody());
        notifications.add(new Notification(body, received, receivedAt));
        exchange.sendResponseHeaders(200, -1);
      }
    });
  }

  public static WebhookReceiver start() throws IOException {
    WebhookReceiver receiver = new WebhookReceiver();
    receiver.server.start();
    return receiver;
  }

  /** Where Alertmanager should POST: {@code http://127.0.0.1:PORT/alerts}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  public List<Notification> notifications() {
    return List.copyOf(notifications);
  }

  /** The first notification that matches, polling until {@code timeout}; fails naming {@code what}. */
  public Notification await(String what, Duration timeout, Predicate<Notification> matching) throws InterruptedException {
    return Await.until(what + " at " + url(), timeout,
        () -> notifications.stream().filter(matching).findFirst());
  }

  /** As {@link #await}, for the first matching notification after {@code earlier}. */
  public Notification awaitAfter(Notification earlier, String what, Duration timeout, Predicate<Notification> matching)
      throws InterruptedException {
    return await(what, timeout, n -> n.receivedNanos() > earlier.receivedNanos() && matching.test(n));
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
