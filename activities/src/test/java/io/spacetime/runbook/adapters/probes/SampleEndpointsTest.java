package io.spacetime.runbook.adapters.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.ports.probes.EndpointCheck;
import io.spacetime.runbook.ports.probes.EndpointSample;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident runbook's endpoint readings against a real HTTP server: statuses counted per
 * endpoint, 5xx, 401/403 and no answer told apart, times measured, and the bearer token sent but
 * never returned.
 */
class SampleEndpointsTest {

  static final String TOKEN = "tok-3f9a7c1e-known-good";
  static final Map<String, String> WORKER_ENV = Map.of("SPACETIME_API_TOKEN", TOKEN);

  HttpTestServer api;
  final AtomicInteger sceneLoads = new AtomicInteger();
  final ProbeActivitiesImpl probes = new ProbeActivitiesImpl(WORKER_ENV::get);

  @BeforeEach
  void start() throws IOException {
    api = HttpTestServer.start()
        .on("/status", request -> new Response(200, "{\"overall_ready\": true}"))
        // Every third scene load fails, and the error echoes the request's headers (a careless server).
        .on("/scene/load", request -> sceneLoads.incrementAndGet() % 3 == 0
            ? new Response(500, "{\"error\": \"Scene load failed\", \"auth\": \"" + request.header("Authorization") + "\"}")
            : new Response(200, "{\"loaded\": true}"))
        .on("/admin", request -> ("Bearer " + TOKEN).equals(request.header("Authorization"))
            ? new Response(403, "{\"error\": \"forbidden\"}") : new Response(401, "{\"error\": \"no token\"}"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void eachEndpointGetsItsRoundsAndItsStatusesCounted() throws Exception {
    int closed = closedPort();
    List<EndpointSample> samples = probes.sampleEndpoints(List.of(
        EndpointCheck.get("/status", api.url("/status")),
        EndpointCheck.post("/scene/load", api.url("/scene/load"), "{\"scene_path\": \"res://vr_main.tscn\"}"),
        EndpointCheck.get("/admin", api.url("/admin")),
        EndpointCheck.get("down", "http://127.0.0.1:" + closed + "/status")), 6, "SPACETIME_API_TOKEN");

    EndpointSample status = samples.get(0);
    assertEquals(6, status.requests());
    assertEquals(Map.of(200, 6), status.statuses());
    assertEquals(0, status.errorRate());
    assertTrue(status.averageMs() > 0 && status.averageMs() <= status.maxMs() && status.p95Ms() <= status.maxMs());

    EndpointSample scenes = samples.get(1);
    assertEquals(Map.of(200, 4, 500, 2), scenes.statuses());
    assertEquals(2, scenes.serverErrors());
    assertEquals(2.0 / 6, scenes.errorRate(), 1e-9);
    assertTrue(scenes.lastError().startsWith("HTTP 500: {\"error\": \"Scene load failed\""), scenes.lastError());

    EndpointSample admin = samples.get(2);
    assertEquals(Map.of(403, 6), admin.statuses(), "the token was sent (403, not 401)");
    assertEquals(6, admin.unauthorized());
    assertEquals(0, admin.serverErrors());

    EndpointSample down = samples.get(3);
    assertEquals(Map.of(0, 6), down.statuses());
    assertEquals(6, down.noAnswer());
    assertEquals(1.0, down.errorRate());
    assertEquals("connection refused: nothing listens there", down.lastError());
    assertEquals(0, down.maxMs(), "no answer, no response time");

    List<HttpTestServer.Request> loads = api.requests().stream().filter(r -> r.path().equals("/scene/load")).toList();
    assertEquals("POST", loads.get(0).method());
    assertEquals("{\"scene_path\": \"res://vr_main.tscn\"}", loads.get(0).body());
    assertEquals("application/json", loads.get(0).header("Content-Type"));
  }

  @Test
  void theTokenIsSentButNeverReturned() {
    List<EndpointSample> samples = probes.sampleEndpoints(List.of(
        EndpointCheck.post("/scene/load", api.url("/scene/load"), "{}")), 3, "SPACETIME_API_TOKEN");

    assertEquals("Bearer " + TOKEN, api.requests().get(0).header("Authorization"));
    assertEquals(1, samples.get(0).serverErrors());
    assertFalse(samples.toString().contains(TOKEN), samples.toString());
    assertTrue(samples.get(0).lastError().contains("\"auth\": \"Bearer ***\""), samples.get(0).lastError());
  }

  @Test
  void withoutATokenVariableNoAuthorizationIsSent() {
    List<EndpointSample> samples = probes.sampleEndpoints(List.of(EndpointCheck.get("/admin", api.url("/admin"))), 2, "");
    assertEquals(Map.of(401, 2), samples.get(0).statuses());
    assertEquals(null, api.requests().get(0).header("Authorization"));
  }

  @Test
  void aTokenVariableTheWorkerLacksNamesTheSetting() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> probes.sampleEndpoints(
        List.of(EndpointCheck.get("/status", api.url("/status"))), 1, "NOT_SET_ON_THIS_WORKER"));
    assertEquals("ConfigurationInvalid", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("incident.authTokenEnv names the environment variable"
        + " 'NOT_SET_ON_THIS_WORKER', which is not set on the worker"), failure.getOriginalMessage());
    assertEquals(List.of(), api.requests(), "nothing was sent");
  }

  @Test
  void roundsOutsideTheirRangeAreRefused() {
    for (int rounds : new int[] {0, 1001}) {
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> probes.sampleEndpoints(
          List.of(EndpointCheck.get("/status", api.url("/status"))), rounds, ""));
      assertEquals("InvalidInput", failure.getType());
    }
  }

  @Test
  void progressIsHeartbeatenAfterARound() {
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      List<String> heartbeats = new CopyOnWriteArrayList<>();
      temporal.setActivityHeartbeatListener(String.class, heartbeats::add);
      temporal.registerActivitiesImplementations(probes);
      ProbeActivities stub = temporal.newActivityStub(ProbeActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

      List<EndpointSample> samples = stub.sampleEndpoints(List.of(EndpointCheck.get("/status", api.url("/status"))), 3, "");

      assertEquals(3, samples.get(0).requests());
      // The SDK throttles heartbeats, so the server may see only the first of them.
      assertEquals("round 1 of 3 to 1 endpoints", heartbeats.get(0));
    } finally {
      temporal.close();
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
