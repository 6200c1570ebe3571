package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spacetime.runbook.sandbox.releases.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP Scene Management API of the runbook (Steps 6 and 7): {@code GET /status},
 * {@code POST /connect}, {@code POST /disconnect} and {@code POST /scene/load}, with the
 * response bodies the runbook shows. Every request leaves one
 * {@code [GodotBridge] HTTP <status> <method> <path>} line in the journal, the path last as the
 * runbook's "Identify failing endpoints" command expects, and is counted in {@link ApiMetrics}.
 *
 * <p>The {@link ServiceConditions} apply before the route: {@code auth} answers 401, then
 * {@code errors} fails its share with 500, and {@code slow} delays every answer. A scene load reads
 * the scene file from the release at that moment (Incident 5).
 */
final class SceneApi {

  /** The {@link Fault#SLOW} release's extra latency per response. */
  static final Duration SLOW_RESPONSE_DELAY = Duration.ofMillis(250);

  private final AdapterConnections adapters;
  private final Journal journal;
  private final ObjectMapper json;
  private final String version;
  private final Fault fault;
  private final Runnable sceneLoaded;
  private final SceneFiles scenes;
  private final ServiceConditions conditions;
  private final ApiMetrics metrics;
  private final Degradation degradation;

  /**
   * @param sceneLoaded told after every scene load that succeeded (a fault may start with use)
   * @param releaseDir where {@code res://} scene paths are read from
   */
  SceneApi(AdapterConnections adapters, Journal journal, ObjectMapper json, String version, Fault fault,
      Runnable sceneLoaded, Path releaseDir, ServiceConditions conditions, ApiMetrics metrics, Degradation degradation) {
    this.adapters = adapters;
    this.journal = journal;
    this.json = json;
    this.version = version;
    this.fault = fault;
    this.sceneLoaded = sceneLoaded;
    this.scenes = new SceneFiles(releaseDir);
    this.conditions = conditions;
    this.metrics = metrics;
    this.degradation = degradation;
  }

  void registerOn(HttpServer server) {
    server.createContext("/", this::handle);
    metrics.registerOn(server);
  }

  private record Response(int status, ObjectNode body) {}

  private Response route(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    return switch (path) {
      case "/status" -> only("GET", method, this::status, exchange);
      case "/connect" -> only("POST", method, this::connect, exchange);
      case "/disconnect" -> only("POST", method, this::disconnect, exchange);
      case "/scene/load" -> only("POST", method, this::loadScene, exchange);
      default -> error(404, "no such endpoint: " + path);
    };
  }

  /** The runtime conditions that answer in the route's place; empty when the route answers. */
  private Optional<Response> underCondition(HttpExchange exchange, String endpoint) {
    String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    if (conditions.active(RuntimeCondition.AUTH).isPresent()) {
      journal.warn("AuthManager", "authentication failed for " + request + ": the token could not be validated"
          + " (sandbox condition 'auth')");
      return Optional.of(new Response(401, json.createObjectNode().put("error", "Unauthorized")));
    }
    if (conditions.failsNext(endpoint)) {
      journal.error("GodotBridge", "Internal error while handling " + request + ": worker pool exhausted"
          + " (sandbox condition 'errors')");
      return Optional.of(new Response(500, json.createObjectNode().put("error", "Internal Server Error")
          .put("message", "Worker pool exhausted")));
    }
    if (degradation.failsNext(endpoint)) {
      // WARN, not ERROR: Step 10's log gate must not catch it; the watch window's error rate must.
      journal.warn("GodotBridge", "Request queue saturated while handling " + request + " (sandbox fault 'degrades')");
      return Optional.of(new Response(500, json.createObjectNode().put("error", "Internal Server Error")
          .put("message", "Request queue saturated")));
    }
    return Optional.empty();
  }

  private Response only(String allowed, String method, Function<HttpExchange, Response> handler, HttpExchange exchange) {
    return allowed.equals(method) ? handler.apply(exchange) : error(405, method + " is not allowed; use " + allowed);
  }

  private Response status(HttpExchange exchange) {
    ObjectNode body = adapters.statusJson(json);
    body.put("version", version);
    return new Response(200, body);
  }

  private Response connect(HttpExchange exchange) {
    adapters.connect();
    return message(200, "connecting", "Connection initiated");
  }

  private Response disconnect(HttpExchange exchange) {
    adapters.disconnect();
    return message(200, "disconnected", "Disconnected");
  }

  private Response loadScene(HttpExchange exchange) {
    JsonNode request;
    try {
      request = json.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      return error(400, "request body is not JSON: " + e.getMessage());
    }
    String scenePath = request == null ? "" : request.path("scene_path").asText("");
    if (scenePath.isBlank()) {
      return error(400, "scene_path is required, e.g. {\"scene_path\": \"res://vr_main.tscn\"}");
    }
    if (fault == Fault.SCENE_500) {
      journal.error("SceneManager", "Failed to load scene " + scenePath + ": resource loader crashed");
      Response failed = error(500, "Scene loader crashed");
      failed.body().put("scene_path", scenePath);
      return failed;
    }
    Optional<Path> file = scenes.resolve(scenePath);
    if (file.isEmpty()) {
      return error(400, "scene_path must name a file of the release, like res://vr_main.tscn, not " + scenePath);
    }
    SceneFiles.Outcome outcome = scenes.load(file.get());
    if (outcome != SceneFiles.Outcome.LOADED) {
      String why = outcome == SceneFiles.Outcome.NOT_FOUND ? "File not found" : "Permission denied";
      journal.error("SceneManager", "scene load failed: " + why.toLowerCase() + ": " + scenePath + " ("
          + file.get() + ")");
      return new Response(500, json.createObjectNode().put("error", "Scene load failed").put("message", why));
    }
    journal.info("SceneManager", "Scene loaded: " + scenePath);
    sceneLoaded.run();
    Response loaded = message(200, "success", "Scene loaded");
    loaded.body().put("scene_path", scenePath);
    return loaded;
  }

  private Response message(int status, String state, String text) {
    return new Response(status, json.createObjectNode().put("status", state).put("message", text));
  }

  private Response error(int status, String text) {
    return message(status, "error", text);
  }

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String endpoint = ApiMetrics.endpoint(exchange.getRequestURI().getPath());
    try (exchange) {
      Response response = underCondition(exchange, endpoint).orElseGet(() -> route(exchange));
      long delayMs = conditions.delayMs() + (fault == Fault.SLOW ? SLOW_RESPONSE_DELAY.toMillis() : 0);
      if (delayMs > 0) {
        Thread.sleep(delayMs);
      }
      byte[] bytes = json.writeValueAsBytes(response.body());
      // Counted and logged before the answer leaves: a client (a probe, a test, Prometheus right after)
      // that holds the answer must find it in /metrics and the log, never a moment later.
      metrics.observe(endpoint, response.status(), System.nanoTime() - started);
      journal.info("GodotBridge", "HTTP " + response.status() + " " + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getPath());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client went away mid-response; nothing to answer.
      journal.warn("GodotBridge", "response not delivered: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      journal.error("GodotBridge", "request failed: " + e);
    }
  }
}
