package io.spacetime.runbook.sandbox.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.sandbox.StatusClient;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.ServiceScript;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.sandbox.releases.ReleaseBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in service against real HTTP, WebSocket and TCP clients, in-process and as a process. */
class StandInServiceTest {

  private static final String ADDRESS = "127.0.79.2";
  private static final ServiceConfig PRODUCTION = new ServiceConfig(28080, 28081, 26006, 26005, "production");
  private static final ServiceConfig STAGING = new ServiceConfig(28080, 28081, 26006, 26005, "staging");
  private static final String BASE = "http://" + ADDRESS + ":" + PRODUCTION.apiPort();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final StatusClient statusClient = new StatusClient();

  @TempDir Path dir;
  private StandInService service;
  private Process process;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void reportsReadyStatusInTheRunbooksShape() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);

    JsonNode status = json.readTree(statusClient.awaitReady(BASE, WAIT).body());

    assertEquals(List.of("debug_adapter", "language_server", "overall_ready", "version"), fieldNames(status));
    JsonNode dap = status.get("debug_adapter");
    assertEquals("Debug Adapter", dap.get("service_name").asText());
    assertEquals(26006, dap.get("port").asInt());
    assertEquals(2, dap.get("state").asInt());
    assertEquals(0, dap.get("retry_count").asInt());
    assertTrue(dap.get("last_activity").isNumber());
    assertEquals("Language Server", status.get("language_server").get("service_name").asText());
    assertEquals(26005, status.get("language_server").get("port").asInt());
    assertTrue(status.get("overall_ready").asBoolean());
    assertEquals("v2.5.0", status.get("version").asText());
  }

  @Test
  void connectAnswersConnectionInitiated() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);

    HttpResponse<String> response = post("/connect", "");

    assertEquals(200, response.statusCode());
    assertEquals(json.readTree("{\"status\":\"connecting\",\"message\":\"Connection initiated\"}"),
        json.readTree(response.body()));
  }

  @Test
  void disconnectDropsReadinessUntilTheNextConnect() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);
    statusClient.awaitReady(BASE, WAIT);

    assertEquals(200, post("/disconnect", "").statusCode());
    assertFalse(statusClient.get(BASE).overallReady());

    post("/connect", "");
    assertTrue(statusClient.awaitReady(BASE, WAIT).overallReady());
  }

  @Test
  void loadsTheRequestedScene() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);

    HttpResponse<String> response = post("/scene/load", "{\"scene_path\": \"res://vr_main.tscn\"}");

    assertEquals(200, response.statusCode());
    assertEquals(json.readTree("{\"status\":\"success\",\"message\":\"Scene loaded\",\"scene_path\":\"res://vr_main.tscn\"}"),
        json.readTree(response.body()));
  }

  @Test
  void rejectsASceneLoadWithoutScenePath() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);

    HttpResponse<String> response = post("/scene/load", "{}");

    assertEquals(400, response.statusCode());
    assertEquals("error", json.readTree(response.body()).get("status").asText());
  }

  @Test
  void telemetrySendsConnectedThenFps() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
        .buildAsync(URI.create("ws://" + ADDRESS + ":" + PRODUCTION.telemetryPort()), collectingInto(messages))
        .get(5, TimeUnit.SECONDS);
    try {
      assertEquals("connected", json.readTree(next(messages)).get("event").asText());
      JsonNode fps = json.readTree(next(messages));
      assertEquals("fps", fps.get("event").asText());
      assertEquals(90.0, fps.get("fps").asDouble());
      assertEquals(11.1, fps.get("frame_time_ms").asDouble());
    } finally {
      socket.abort();
    }
  }

  @Test
  void dapAndLspPortsAcceptConnections() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);

    for (int port : List.of(PRODUCTION.dapPort(), PRODUCTION.lspPort())) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(ADDRESS, port), 2000);
        assertTrue(socket.isConnected());
      }
    }
  }

  @Test
  void logsStartupAndEveryRequestLikeTheRunbooksJournal() throws Exception {
    start(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);
    statusClient.awaitReady(BASE, WAIT);

    String log = Files.readString(logFile());

    assertTrue(log.contains("[GodotBridge] HTTP server started on port 28080"), log);
    assertTrue(log.contains("[TelemetryServer] WebSocket server started on port 28081"), log);
    assertTrue(log.contains("[ConnectionManager] DAP adapter connected"), log);
    assertTrue(log.contains("[ConnectionManager] LSP adapter connected"), log);
    assertTrue(log.contains("[ResonanceEngine] All subsystems initialized"), log);
    assertTrue(log.contains("[GodotBridge] HTTP 200 GET /status"), log);
    assertFalse(log.contains("ERROR"), log);
  }

  @Test
  void neverReadyFaultKeepsAdaptersConnecting() throws Exception {
    start(Fault.NEVER_READY, FaultScope.PRODUCTION, PRODUCTION);

    // The first retry is a second after start; by then a healthy release would long be ready.
    Poll.until(WAIT, Poll.INTERVAL, this::logText, text -> text.contains("not responding"));
    JsonNode status = json.readTree(statusClient.get(BASE).body());

    assertEquals(1, status.get("debug_adapter").get("state").asInt());
    assertEquals(1, status.get("language_server").get("state").asInt());
    assertTrue(status.get("debug_adapter").get("retry_count").asInt() >= 1);
    assertFalse(status.get("overall_ready").asBoolean());
  }

  @Test
  void faultScopedToProductionDoesNotShowWithTheStagingConfig() throws Exception {
    start(Fault.NEVER_READY, FaultScope.PRODUCTION, STAGING);

    assertTrue(statusClient.awaitReady(BASE, WAIT).overallReady());
  }

  @Test
  void faultScopedToStagingShowsWithTheStagingConfig() throws Exception {
    start(Fault.SCENE_500, FaultScope.STAGING, STAGING);

    assertEquals(500, post("/scene/load", "{\"scene_path\": \"res://vr_main.tscn\"}").statusCode());
  }

  @Test
  void scene500FaultFailsSceneLoadsWithAnErrorBody() throws Exception {
    start(Fault.SCENE_500, FaultScope.PRODUCTION, PRODUCTION);

    HttpResponse<String> response = post("/scene/load", "{\"scene_path\": \"res://vr_main.tscn\"}");

    assertEquals(500, response.statusCode());
    assertEquals("error", json.readTree(response.body()).get("status").asText());
    assertTrue(logText().contains("ERROR [SceneManager] Failed to load scene res://vr_main.tscn"));
  }

  @Test
  void degradingReleaseFailsAFifthOfItsRequestsButStatusOnceItsTimeHasCome() throws Exception {
    startDegrading(Duration.ZERO);

    List<Integer> loads = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      loads.add(post("/scene/load", "{\"scene_path\": \"res://vr_main.tscn\"}").statusCode());
      assertEquals(200, get("/status").statusCode(), "the health check keeps answering");
    }

    assertEquals(2, loads.stream().filter(status -> status == 500).count(), loads.toString());
    String log = logText();
    assertTrue(log.contains("WARN [GodotBridge] Request queue saturated while handling POST /scene/load"), log);
    assertFalse(log.contains("ERROR"), "only WARN lines: Step 10's log gate passes it\n" + log);
  }

  @Test
  void degradingReleaseIsHealthyUntilItsTimeHasCome() throws Exception {
    startDegrading(Duration.ofHours(1));

    for (int i = 0; i < 10; i++) {
      assertEquals(200, post("/scene/load", "{\"scene_path\": \"res://vr_main.tscn\"}").statusCode());
    }
  }

  @Test
  void slowFaultDelaysEveryResponse() throws Exception {
    start(Fault.SLOW, FaultScope.PRODUCTION, PRODUCTION);

    // A lower bound only: the fault guarantees at least 250 ms; nothing here depends on the machine's speed.
    long started = System.nanoTime();
    HttpResponse<String> response = get("/status");
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(200, response.statusCode());
    assertTrue(elapsedMs >= SceneApi.SLOW_RESPONSE_DELAY.toMillis(), elapsedMs + " ms");
  }

  @Test
  void errorLogFaultWritesErrorLinesOnceInUseWhileStayingHealthy() throws Exception {
    start(Fault.ERROR_LOG, FaultScope.PRODUCTION, PRODUCTION);
    assertTrue(statusClient.awaitReady(BASE, WAIT).overallReady());
    assertFalse(logText().contains("ERROR"), "no error at start-up: " + logText());
    assertEquals(200, post("/scene/load", "{\"scene_path\": \"res://vr_main.tscn\"}").statusCode());

    String log = Poll.until(WAIT, Poll.INTERVAL, this::logText, text -> text.contains("ERROR [ResonanceEngine]"));

    assertTrue(log.contains("ERROR [ResonanceEngine] Physics frame overrun"), log);
    assertTrue(statusClient.awaitReady(BASE, WAIT).overallReady());
  }

  @Test
  void wontStartFaultFailsStartWithAnErrorInTheLog() throws Exception {
    writeRelease(Fault.WONT_START, FaultScope.PRODUCTION, PRODUCTION);

    assertThrows(IOException.class, () -> StandInService.start(releaseDir(), releaseDir().resolve(".env"), ADDRESS,
        logFile()));
    assertTrue(logText().contains("ERROR [ResonanceEngine] Failed to start"), logText());
  }

  @Test
  void wontStartFaultExitsTheProcessWithStatusOne() throws Exception {
    writeRelease(Fault.WONT_START, FaultScope.ALWAYS, PRODUCTION);

    process = startProcess();

    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the service should exit by itself");
    assertEquals(1, process.exitValue());
    assertTrue(logText().contains("ERROR [ResonanceEngine]"), logText());
  }

  @Test
  void sigtermShutsTheProcessDownCleanly() throws Exception {
    writeRelease(Fault.NONE, FaultScope.PRODUCTION, PRODUCTION);
    process = startProcess();
    assertTrue(statusClient.awaitReady(BASE, Duration.ofSeconds(30)).overallReady(), logText());

    process.destroy();

    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    String log = logText();
    assertTrue(log.contains("[ResonanceEngine] Shutting down (SIGTERM received)"), log);
    assertTrue(log.trim().endsWith("[ResonanceEngine] Shutdown complete"), log);
  }

  private void start(Fault fault, FaultScope scope, ServiceConfig config) throws IOException {
    writeRelease(fault, scope, config);
    service = StandInService.start(releaseDir(), releaseDir().resolve(".env"), ADDRESS, logFile());
  }

  private void startDegrading(Duration healthy) throws IOException {
    ReleaseBuilder.release("v2.5.0").fault(Fault.DEGRADES).degradeAfter(healthy).writeTo(releaseDir());
    PRODUCTION.write(releaseDir().resolve(".env"));
    service = StandInService.start(releaseDir(), releaseDir().resolve(".env"), ADDRESS, logFile());
  }

  private void writeRelease(Fault fault, FaultScope scope, ServiceConfig config) throws IOException {
    ReleaseBuilder.release("v2.5.0").fault(fault).scope(scope).writeTo(releaseDir());
    config.write(releaseDir().resolve(".env"));
  }

  /** Started the way the service script starts it: same JVM options, same classpath. */
  private Process startProcess() throws IOException {
    List<String> command = new ArrayList<>(List.of(ServiceScript.currentJava()));
    command.addAll(List.of(StandInService.JVM_OPTIONS.split(" ")));
    command.addAll(List.of("-cp", StandInClasspath.resolve(), StandInService.class.getName(),
        "--release-dir", releaseDir().toString(), "--bind", ADDRESS, "--log", logFile().toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
  }

  private Path releaseDir() {
    return dir.resolve("production-v2.5.0");
  }

  private Path logFile() {
    return dir.resolve("service.log");
  }

  private String logText() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String next(BlockingQueue<String> messages) throws InterruptedException {
    String message = messages.poll(5, TimeUnit.SECONDS);
    assertNotNull(message, "no telemetry message within 5 s");
    return message;
  }

  private static WebSocket.Listener collectingInto(BlockingQueue<String> messages) {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          messages.add(partial.toString());
          partial.setLength(0);
        }
        webSocket.request(1);
        return null;
      }
    };
  }
}
