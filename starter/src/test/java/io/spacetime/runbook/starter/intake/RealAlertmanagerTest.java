package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Alertmanager 0.25 sends its webhook to the intake: the first notification opens
 * the incident, the repeats of the same group send nothing, the resolved one is a signal to the
 * open incident. Skipped where the package is not installed ({@code bash .ci/run} installs it).
 */
class RealAlertmanagerTest {

  private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  private static final String HOSTILE = "$(touch /tmp/pwned) `id`";

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();
  @TempDir Path dir;
  private Process alertmanager;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor(10, TimeUnit.SECONDS);
      alertmanager.destroyForcibly();
    }
  }

  @Test
  void firingRepeatsAndResolvedReachTheIncidentOnceEach() throws Exception {
    assumeTrue(Files.isExecutable(ALERTMANAGER), "prometheus-alertmanager is not installed (bash .ci/run installs it)");
    String api = startAlertmanager();

    post(api, alert(null));
    intake.webhookAnswered(3).get(60, TimeUnit.SECONDS);

    assertThat(intake.sentToTemporal()).as("the first notification and two repeats")
        .containsExactly("signalWithStart IncidentWorkflow " + key());

    var resolvedSignal = intake.nextSignal();
    post(api, alert(Instant.now().toString()));
    assertThat(resolvedSignal.get(60, TimeUnit.SECONDS)).isEqualTo(key());

    JsonNode state = IntakeTestbed.json(intake.post("/v1/incidents/" + key() + "/ack", "{\"by\":\"alice\"}"));
    assertThat(state.get("notifications").asInt()).as("one firing, one resolved").isEqualTo(2);
    assertThat(state.get("resolveCandidates")).hasSize(1);
    assertThat(state.get("summary").asText()).isEqualTo("5xx above 5 % on the API");
    JsonNode timeline = IntakeTestbed.json(intake.get("/v1/incidents/" + key())).get("timeline");
    assertThat(timeline.findValuesAsText("job")).contains(HOSTILE);
  }

  /** The incident of the alert: its fingerprint is Alertmanager's hash of the label set. */
  private String key() {
    String call = intake.sentToTemporal().get(0);
    return call.substring(call.lastIndexOf(' ') + 1);
  }

  private String startAlertmanager() throws Exception {
    int port = freePort();
    Path token = Files.writeString(dir.resolve("token"), IntakeTestbed.TOKEN);
    Path config = Files.writeString(dir.resolve("alertmanager.yml"), String.join("\n",
        "route:",
        "  receiver: intake",
        "  group_by: [alertname]",
        "  group_wait: 1s",
        "  group_interval: 1s",
        "  repeat_interval: 1s",
        "receivers:",
        "  - name: intake",
        "    webhook_configs:",
        "      - url: http://127.0.0.1:" + intake.server().port() + "/v1/alerts/alertmanager",
        "        send_resolved: true",
        "        http_config:",
        "          authorization:",
        "            credentials_file: " + token,
        ""));
    alertmanager = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    String api = "http://127.0.0.1:" + port;
    awaitReady(api);
    return api;
  }

  private static String alert(String endsAt) {
    return "[{\"labels\":{\"alertname\":\"HighErrorRate\",\"incident_type\":\"high-error-rate\",\"environment\":\"production\","
        + "\"job\":\"" + HOSTILE.replace("\"", "\\\"") + "\"},\"annotations\":{\"summary\":\"5xx above 5 % on the API\"}"
        + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"") + "}]";
  }

  private void post(String api, String alerts) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v2/alerts"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Bounded polling of Alertmanager's readiness endpoint: it has no other way to say it is up. */
  private void awaitReady(String api) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(api + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      assertThat(alertmanager.isAlive()).as("alertmanager runs; see " + dir.resolve("alertmanager.log")).isTrue();
      assertThat(System.nanoTime()).as("alertmanager ready within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
