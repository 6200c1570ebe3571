package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With Temporal down, the intake answers 503 with Retry-After (Alertmanager retries a 5xx), not a hang. */
class TemporalUnreachableTest {

  private TemporalConnection connection;
  private IntakeServer server;

  @BeforeEach
  void intakeWithoutTemporal() {
    connection = TemporalConnection.open(TemporalSettings.from(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1")));
    server = IntakeServer.start(new RunbookClient(connection), IntakeSettings.newBuilder(
        IntakeTokens.of(List.of(IntakeTestbed.TOKEN))).setPort(0).build(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
    connection.close();
  }

  @Test
  void anAlertIsAnswered503WithRetryAfter() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/alerts/alertmanager"))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + IntakeTestbed.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE))))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(IntakeTestbed.json(response).get("error").asText()).contains("cannot reach Temporal");
  }
}
