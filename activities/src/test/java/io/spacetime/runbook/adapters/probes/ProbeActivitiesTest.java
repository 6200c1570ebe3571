package io.spacetime.runbook.adapters.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import io.spacetime.runbook.ports.probes.PortReachability;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes against real servers started here: a JDK HTTP(S) server and a Java-WebSocket server. */
class ProbeActivitiesTest {

  /** The runbook's Step 6 example. */
  static final String READY = """
      {"debug_adapter": {"service_name": "Debug Adapter", "port": 6006, "state": 2, "retry_count": 0},
       "language_server": {"service_name": "Language Server", "port": 6005, "state": 2, "retry_count": 0},
       "overall_ready": true}""";
  static final String STARTING = """
      {"debug_adapter": {"state": 1}, "language_server": {"state": 0}, "overall_ready": false}""";

  static HttpTestServer service;
  static final AtomicInteger statusCalls = new AtomicInteger();
  static final ProbeActivitiesImpl probes = new ProbeActivitiesImpl();

  @BeforeAll
  static void startService() throws Exception {
    service = HttpTestServer.start()
        .on("/status", request -> new Response(200, READY))
        .on("/flipping/status", request ->
            statusCalls.incrementAndGet() <= 3 ? new Response(503, STARTING) : new Response(200, READY))
        .on("/fail", request -> new Response(500, "{\"error\": \"boom\"}"))
        .on("/html", request -> new Response(200, "<html>hello</html>"))
        .on("/connect", request -> new Response(200, "{\"status\": \"connecting\", \"got\": \"" + request.body() + "\"}"));
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @Test
  void readsTheStatusDocument() {
    StatusReport report = probes.status(service.url("/status"));
    assertEquals(200, report.httpStatus());
    assertTrue(report.overallReady());
    assertEquals(2, report.debugAdapterState());
    assertEquals(2, report.languageServerState());
    assertEquals("", report.error());
    assertEquals(1, report.attempts());
  }

  @Test
  void aBodyThatIsNotTheStatusJsonIsAnError() {
    StatusReport report = probes.status(service.url("/html"));
    assertEquals(200, report.httpStatus());
    assertFalse(report.overallReady());
    assertTrue(report.error().contains("not the /status JSON"), report.error());
  }

  @Test
  void aClosedPortIsReportedNotThrown() throws Exception {
    StatusReport report = probes.status("http://127.0.0.1:" + closedPort() + "/status");
    assertEquals(0, report.httpStatus());
    assertTrue(report.error().contains("refused"), report.error());
  }

  @Test
  void awaitReadyPollsUntilTheServiceFlipsToReady() {
    statusCalls.set(0);
    StatusReport report = probes.awaitReady(service.url("/flipping/status"), 30);
    assertTrue(report.overallReady());
    assertEquals(4, report.attempts());
    assertEquals(200, report.httpStatus());
  }

  @Test
  void awaitReadyGivesUpAfterItsTimeoutWithTheLastAnswer() throws Exception {
    StatusReport report = probes.awaitReady("http://127.0.0.1:" + closedPort() + "/status", 1);
    assertFalse(report.overallReady());
    assertTrue(report.attempts() >= 2, "attempts " + report.attempts());
    assertTrue(report.error().contains("refused"));
  }

  @Test
  void postsJson() {
    HttpExchange exchange = probes.post(service.url("/connect"), "{\"scene_path\": \"res://vr_main.tscn\"}");
    assertTrue(exchange.ok());
    assertEquals("POST", exchange.method());
    assertTrue(exchange.bodyTail().contains("connecting"));
    HttpTestServer.Request received = service.requests().stream()
        .filter(r -> r.path().equals("/connect")).reduce((a, b) -> b).orElseThrow();
    assertEquals("application/json", received.header("Content-Type"));
    assertEquals("{\"scene_path\": \"res://vr_main.tscn\"}", received.body());
  }

  /** A document's http step: any method, the whole answer kept for its JSON check, refusals reported not thrown. */
  @Test
  void sendsADocumentsRequestWithItsMethod() throws Exception {
    HttpExchange answer = probes.httpRequest("PUT", service.url("/connect"), "{\"a\": 1}");
    assertEquals(200, answer.status());
    assertEquals("PUT", answer.method());
    HttpTestServer.Request received = service.requests().stream()
        .filter(r -> r.path().equals("/connect")).reduce((a, b) -> b).orElseThrow();
    assertEquals("PUT", received.method());
    assertEquals("{\"a\": 1}", received.body());
    assertEquals(READY, probes.httpRequest("GET", service.url("/status"), "").bodyTail());
    HttpExchange refused = probes.httpRequest("GET", "http://127.0.0.1:" + closedPort() + "/status", "");
    assertEquals(0, refused.status());
    assertTrue(refused.error().contains("refused"), refused.error());
    io.temporal.failure.ApplicationFailure patch = org.junit.jupiter.api.Assertions.assertThrows(
        io.temporal.failure.ApplicationFailure.class, () -> probes.httpRequest("PATCH", service.url("/status"), ""));
    assertEquals("HTTP method \"PATCH\" is not GET, POST, PUT or DELETE", patch.getOriginalMessage());
  }

  @Test
  void readsTheFirstTelemetryEvent() throws Exception {
    WebSocketServer telemetry = telemetryServer("{\"event\": \"connected\", \"fps\": 90.0}");
    try {
      TelemetryProbe probe = probes.probeTelemetry("ws://127.0.0.1:" + telemetry.getPort(), 5);
      assertTrue(probe.connected());
      assertEquals("connected", probe.firstEvent());
      assertEquals("", probe.error());
    } finally {
      telemetry.stop(1000);
    }
  }

  @Test
  void telemetryThatIsNotThereIsReported() throws Exception {
    TelemetryProbe probe = probes.probeTelemetry("ws://127.0.0.1:" + closedPort(), 2);
    assertFalse(probe.connected());
    assertFalse(probe.error().isEmpty());
  }

  @Test
  void samplesResponseTimes() {
    ResponseTimes times = probes.sampleResponseTimes(service.url("/status"), 10);
    assertEquals(10, times.count());
    assertEquals(0, times.failures());
    assertTrue(times.averageMs() > 0 && times.averageMs() <= times.maxMs());
    assertEquals(5, probes.sampleResponseTimes(service.url("/fail"), 5).failures());
  }

  @Test
  void loadTestReportsSaneNumbers() {
    LoadTestReport report = probes.loadTest(service.url("/status"), 4, 1);
    assertTrue(report.totalRequests() > 0);
    assertEquals(0, report.errors());
    assertEquals(100.0, report.successPercent());
    assertTrue(report.averageMs() > 0);
    assertTrue(report.p95Ms() <= report.p99Ms() && report.p99Ms() <= report.maxMs());
  }

  @Test
  void loadTestCountsServerErrors() {
    LoadTestReport report = probes.loadTest(service.url("/fail"), 2, 1);
    assertTrue(report.totalRequests() > 0);
    assertEquals(report.totalRequests(), report.errors());
    assertEquals(0.0, report.successPercent());
  }

  @Test
  void loadTestRejectsAbsurdSizes() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> probes.loadTest(service.url("/status"), 0, 10));
    assertEquals("InvalidInput", failure.getType());
  }

  @Test
  void readsAnEndpointCertificateEvenWhenTheWorkerDoesNotTrustIt(@TempDir Path dir) throws Exception {
    HttpsServer https = httpsServer(dir);
    try {
      CertificateInfo info = probes.endpointCertificate("https://127.0.0.1:" + https.getAddress().getPort());
      assertTrue(info.subject().contains("CN=spacetime-api.test"), info.subject());
      long inForty = Instant.now().plusSeconds(40L * 86400).getEpochSecond();
      assertTrue(Math.abs(info.notAfterEpochSeconds() - inForty) < 86400);
      assertTrue(info.error().contains("not trusted"), info.error());
    } finally {
      https.stop(0);
    }
  }

  @Test
  void aFailedHandshakeIsAnError() throws Exception {
    CertificateInfo info = probes.endpointCertificate("https://127.0.0.1:" + closedPort());
    assertEquals(0, info.notAfterEpochSeconds());
    assertTrue(info.error().contains("refused"), info.error());
  }

  @Test
  void findsReachablePorts() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      int closed = closedPort();
      PortReachability ports = probes.reachablePorts("127.0.0.1", List.of(open.getLocalPort(), closed));
      assertEquals(List.of(open.getLocalPort()), ports.reachable());
      assertEquals(List.of(closed), ports.unreachable());
    }
  }

  @Test
  void aMalformedUrlFailsWithoutRetry() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> probes.status("not a url"));
    assertEquals("InvalidInput", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static WebSocketServer telemetryServer(String firstMessage) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
      @Override
      public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send(firstMessage);
      }

      @Override
      public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

      @Override
      public void onMessage(WebSocket conn, String message) {}

      @Override
      public void onError(WebSocket conn, Exception ex) {}

      @Override
      public void onStart() {
        started.countDown();
      }
    };
    server.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    return server;
  }

  /** An HTTPS server with a fresh self-signed certificate (openssl), valid for 40 days. */
  private static HttpsServer httpsServer(Path dir) throws Exception {
    run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-days", "40", "-subj", "/CN=spacetime-api.test", "-keyout", "key.pem", "-out", "cert.pem");
    run(dir, "openssl", "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "server.p12",
        "-passout", "pass:changeit");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static void run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
  }
}
