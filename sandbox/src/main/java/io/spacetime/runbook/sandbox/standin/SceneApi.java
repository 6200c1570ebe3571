package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spacetime.runbook.sandbox.releases.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Function;

/**
 * The HTTP Scene Management API of the runbook (Steps 6 and 7): {@code GET /status},
 * {@code POST /connect}, {@code POST /disconnect} and {@code POST /scene/load}, with the
 * response bodies the runbook shows. Every request leaves one
 * {@code [GodotBridge] HTTP <status> <method> <path>} line in the journal, the path last as the
 * runbook's "Identify failing endpoints" command expects.
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

  /** @param sceneLoaded told after every scene load that succeeded (a fault may start with use) */
  SceneApi(AdapterConnections adapters, Journal journal, ObjectMapper json, String version, Fault fault,
      Runnable sceneLoaded) {
    this.adapters = adapters;
    this.journal = journal;
    this.json = json;
    this.version = version;
    this.fault = fault;
    this.sceneLoaded = sceneLoaded;
  }

  void registerOn(HttpServer server) {
    server.createContext("/", exchange -> handle(exchange, this::route));
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

  private void handle(HttpExchange exchange, Function<HttpExchange, Response> router) {
    try (exchange) {
      Response response = router.apply(exchange);
      if (fault == Fault.SLOW) {
        Thread.sleep(SLOW_RESPONSE_DELAY.toMillis());
      }
      byte[] bytes = json.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
      journal.info("GodotBridge", "HTTP " + response.status() + " " + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getPath());
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
