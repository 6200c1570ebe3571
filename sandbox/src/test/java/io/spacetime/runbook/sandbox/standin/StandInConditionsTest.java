package io.spacetime.runbook.sandbox.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.sandbox.PrometheusText;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.releases.ReleaseBuilder;
import io.spacetime.runbook.sandbox.standin.ConditionControl.ControlRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditions the stand-in holds in memory, taken up through its control directory as the
 * sandbox sends them, seen through a real HTTP client, its log and its {@code /metrics}.
 */
class StandInConditionsTest {

  private static final String ADDRESS = "127.0.113.2";
  private static final ServiceConfig CONFIG = new ServiceConfig(28080, 28081, 26006, 26005, "production");
  private static final String BASE = "http://" + ADDRESS + ":" + CONFIG.apiPort();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SCENE = "{\"scene_path\": \"res://vr_main.tscn\"}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;
  private StandInService service;

  @BeforeEach
  void start() throws IOException {
    ReleaseBuilder.release("v2.5.0").writeTo(releaseDir());
    CONFIG.write(releaseDir().resolve(".env"));
    service = StandInService.start(releaseDir(), releaseDir().resolve(".env"), ADDRESS, logFile(), controlDir());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void errorsFailTheAskedShareOfEachEndpointFirstRequestIncluded() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.ERRORS, 50, 0, 0, 0));

    List<Integer> status = new ArrayList<>();
    List<Integer> scene = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      status.add(get("/status").statusCode());
      scene.add(post("/scene/load", SCENE).statusCode());
    }

    assertEquals(List.of(500, 200, 500, 200, 500, 200, 500, 200, 500, 200), status);
    assertEquals(List.of(500, 200, 500, 200, 500, 200, 500, 200, 500, 200), scene);
  }

  @Test
  void eachInducedErrorAnswersAnErrorBodyAndWritesAnErrorLine() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.ERRORS, 100, 0, 0, 0));

    HttpResponse<String> response = post("/scene/load", SCENE);

    assertEquals(500, response.statusCode());
    assertEquals("Internal Server Error", json.readTree(response.body()).get("error").asText());
    assertTrue(log().contains("ERROR [GodotBridge] Internal error while handling POST /scene/load"), log());
    assertTrue(log().contains("[GodotBridge] HTTP 500 POST /scene/load"), log());
  }

  @Test
  void inducedErrorsAreCountedAs5xxByEndpointInTheMetrics() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.ERRORS, 50, 0, 0, 0));
    for (int i = 0; i < 4; i++) {
      get("/status");
    }

    String metrics = metrics();

    assertEquals(2.0, PrometheusText.sample(metrics, "http_requests_total{endpoint=\"/status\",status=\"500\"}"), metrics);
    assertEquals(2.0, PrometheusText.sample(metrics, "http_requests_total{endpoint=\"/status\",status=\"200\"}"), metrics);
  }

  @Test
  void everyEndpointHasItsErrorSeriesAtZeroBeforeTheFirstError() throws Exception {
    String metrics = metrics();

    for (String endpoint : List.of("/status", "/connect", "/disconnect", "/scene/load")) {
      assertEquals(0.0, PrometheusText.sample(metrics,
          "http_requests_total{endpoint=\"" + endpoint + "\",status=\"500\"}"), metrics);
    }
  }

  @Test
  void slowDelaysEveryApiResponseAndTheDurationHistogramShowsIt() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.SLOW, 0, 1200, 0, 0));
    assertEquals(200, get("/status").statusCode());
    assertEquals(200, post("/connect", "").statusCode());

    String metrics = metrics();

    // The delay guarantees at least 1.2 s: nothing answered within the 1 s bucket, whatever the machine's speed.
    assertEquals(0.0, PrometheusText.sample(metrics, "http_request_duration_seconds_bucket{endpoint=\"/status\",le=\"1.0\"}"), metrics);
    assertEquals(1.0, PrometheusText.sample(metrics, "http_request_duration_seconds_count{endpoint=\"/status\"}"), metrics);
    assertEquals(0.0, PrometheusText.sample(metrics, "http_request_duration_seconds_bucket{endpoint=\"/connect\",le=\"1.0\"}"), metrics);
  }

  @Test
  void authAnswers401ToEveryApiRequestAndLogsAuthenticationFailed() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.AUTH, 0, 0, 0, 0));

    HttpResponse<String> status = get("/status");
    HttpResponse<String> scene = post("/scene/load", SCENE);

    assertEquals(401, status.statusCode());
    assertEquals(json.readTree("{\"error\":\"Unauthorized\"}"), json.readTree(status.body()));
    assertEquals(401, scene.statusCode());
    assertTrue(log().contains("authentication failed for GET /status"), log());
    assertTrue(log().contains("authentication failed for POST /scene/load"), log());
  }

  @Test
  void metricsAnswerUnderEveryConditionAndAreNotCounted() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.AUTH, 0, 0, 0, 0));
    induce(new ActiveCondition(RuntimeCondition.ERRORS, 100, 0, 0, 0));

    HttpResponse<String> scrape = get("/metrics");
    String metrics = metrics();

    assertEquals(200, scrape.statusCode());
    assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    assertFalse(metrics.contains("endpoint=\"/metrics\""), metrics);
    assertTrue(metrics.contains("process_resident_memory_bytes"), metrics);
  }

  @Test
  void aConditionForSomeSecondsEndsByItself() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.ERRORS, 100, 0, 0, System.currentTimeMillis() + 1000));
    assertEquals(500, get("/status").statusCode());

    int after = Poll.until(WAIT, Poll.INTERVAL, this::statusCode, code -> code == 200);

    // The service answers 200 as soon as the time is up; it rewrites its control file and logs the end
    // just after, so those are awaited rather than read at once (a loaded machine showed the gap).
    List<ActiveCondition> remaining = Poll.until(WAIT, Poll.INTERVAL,
        () -> ConditionControl.readActive(controlDir()).orElseThrow().conditions(), List::isEmpty);
    String log = Poll.until(WAIT, Poll.INTERVAL, this::log, l -> l.contains("condition over (its time is up): errors"));

    assertEquals(200, after);
    assertEquals(List.of(), remaining);
    assertTrue(log.contains("condition over (its time is up): errors"), log);
  }

  @Test
  void clearingOneConditionKeepsTheOthers() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.AUTH, 0, 0, 0, 0));
    induce(new ActiveCondition(RuntimeCondition.SLOW, 0, 5, 0, 0));

    send(ControlRequest.clear(RuntimeCondition.AUTH), active -> active.size() == 1);

    assertEquals(200, get("/status").statusCode());
    assertEquals(RuntimeCondition.SLOW,
        ConditionControl.readActive(controlDir()).orElseThrow().conditions().get(0).condition());
  }

  @Test
  void aStartingServiceHoldsNothingAndForgetsRequestsMeantForTheProcessBefore() throws Exception {
    induce(new ActiveCondition(RuntimeCondition.AUTH, 0, 0, 0, 0));
    service.close();
    Path stale = ConditionControl.submit(controlDir(), ControlRequest.induce(new ActiveCondition(RuntimeCondition.ERRORS,
        100, 0, 0, 0)));

    service = StandInService.start(releaseDir(), releaseDir().resolve(".env"), ADDRESS, logFile(), controlDir());

    assertFalse(Files.exists(stale));
    assertEquals(List.of(), ConditionControl.readActive(controlDir()).orElseThrow().conditions());
    assertEquals(200, get("/status").statusCode());
  }

  @Test
  void aSceneLoadFailsWithFileNotFoundOnceTheSceneIsDeleted() throws Exception {
    assertEquals(200, post("/scene/load", SCENE).statusCode());
    Files.delete(releaseDir().resolve("vr_main.tscn"));

    HttpResponse<String> response = post("/scene/load", SCENE);

    assertEquals(500, response.statusCode());
    assertEquals(json.readTree("{\"error\":\"Scene load failed\",\"message\":\"File not found\"}"),
        json.readTree(response.body()));
    assertTrue(log().contains("ERROR [SceneManager] scene load failed: file not found: res://vr_main.tscn"), log());
  }

  @Test
  void aSceneLoadFailsWithPermissionDeniedWhenTheSceneHasMode000() throws Exception {
    Files.setPosixFilePermissions(releaseDir().resolve("vr_main.tscn"), PosixFilePermissions.fromString("---------"));

    HttpResponse<String> response = post("/scene/load", SCENE);

    assertEquals(500, response.statusCode());
    assertEquals(json.readTree("{\"error\":\"Scene load failed\",\"message\":\"Permission denied\"}"),
        json.readTree(response.body()));
    assertTrue(log().contains("scene load failed: permission denied"), log());
  }

  @Test
  void aScenePathOutsideTheReleaseIsRefused() throws Exception {
    assertEquals(400, post("/scene/load", "{\"scene_path\": \"res://../../etc/passwd\"}").statusCode());
  }

  /** Sends the request and waits, as the sandbox does, until the service shows it holds the condition. */
  private void induce(ActiveCondition condition) throws Exception {
    send(ControlRequest.induce(condition), active -> active.contains(condition));
  }

  private void send(ControlRequest request, Predicate<List<ActiveCondition>> done) throws Exception {
    Path file = ConditionControl.submit(controlDir(), request);
    boolean taken = Poll.until(WAIT, Poll.INTERVAL, () -> !Files.exists(file)
        && ConditionControl.readActive(controlDir()).map(a -> done.test(a.conditions())).orElse(false), t -> t);
    assertTrue(taken, "the service did not take up " + request + "; log:\n" + log());
  }

  private int statusCode() {
    try {
      return get("/status").statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  private String metrics() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private Path releaseDir() {
    return dir.resolve("production-v2.5.0");
  }

  private Path controlDir() {
    return dir.resolve("run/conditions");
  }

  private Path logFile() {
    return dir.resolve("service.log");
  }

  private String log() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
