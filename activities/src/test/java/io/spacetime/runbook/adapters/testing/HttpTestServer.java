package io.spacetime.runbook.adapters.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A JDK HTTP server on 127.0.0.1 that records every request and answers with the given handlers. */
public final class HttpTestServer implements AutoCloseable {

  /** A request as received; {@code query} is the raw query string ("" when there is none). */
  public record Request(String method, String path, Map<String, List<String>> headers, String body, String query) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }
  }

  /** An answer, with extra response headers (Retry-After, Location) when a test needs them. */
  public record Response(int status, String body, Map<String, String> headers) {

    public Response(int status, String body) {
      this(status, body, Map.of());
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private HttpTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(threads);
  }

  public static HttpTestServer start() throws IOException {
    HttpTestServer s = new HttpTestServer();
    s.server.start();
    return s;
  }

  public HttpTestServer on(String path, Function<Request, Response> handler) {
    server.createContext(path, exchange -> answer(exchange, handler));
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange exchange, Function<Request, Response> handler) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), body,
          exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
      requests.add(request);
      Response response = handler.apply(request);
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      response.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
