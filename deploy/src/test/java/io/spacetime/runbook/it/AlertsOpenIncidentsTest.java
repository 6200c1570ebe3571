package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.alerts.AlertRule;
import io.spacetime.runbook.alerts.AlertScenario;
import io.spacetime.runbook.alerts.AlertingStack;
import io.spacetime.runbook.e2e.Await;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.IncidentStatus;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.starter.client.IncidentFilter;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.intake.IntakeServer;
import io.spacetime.runbook.starter.intake.IntakeSettings;
import io.spacetime.runbook.starter.intake.IntakeTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole alert path with real parts: Prometheus scrapes the stand-in's own /metrics on a
 * sandbox host, a rule on its 5xx rate fires, Alertmanager's webhook (with the intake's bearer
 * token) reaches the HTTP intake, which opens the incident by signal-with-start; the incident
 * workflow restarts the service, the 5xx stop, the alert resolves and the resolved notification is
 * recorded on the incident as a resolve candidate without resolving it. Repeats of the group open
 * nothing new.
 */
class AlertsOpenIncidentsTest {

  static final String TOKEN = "alertmanager-token-0123456789";
  static final Duration PATH = Duration.ofMinutes(2);

  SandboxTestbed bed;
  IntakeServer intake;
  AlertScenario scenario;
  Thread traffic;
  final AtomicBoolean sending = new AtomicBoolean(true);

  @AfterEach
  void stop() throws Exception {
    sending.set(false);
    if (traffic != null) {
      traffic.join(5000);
    }
    if (scenario != null) {
      scenario.close();
    }
    if (intake != null) {
      intake.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void aFiringRuleOpensOneIncidentWhichFixesItAndTheResolvedAlertIsRecorded() throws Exception {
    AlertingStack stack = AlertingStack.shared();
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-alerts-"), 1, false, 74);
    SandboxHost host = bed.sandbox.hosts().get(0);
    RunbookClient client = new RunbookClient(bed.client(), SandboxTestbed.TASK_QUEUE, Clock.systemUTC());
    intake = IntakeServer.start(client, IntakeSettings.newBuilder(IntakeTokens.of(List.of(TOKEN))).setPort(0)
        .setDefaultEnvironment("it").build(), Clock.systemUTC());
    AlertScenario.Builder setup = stack.scenario("standin-5xx");
    scenario = setup.scrape(URI.create(host.apiBaseUrl()).getAuthority())
        .rule(AlertRule.alert("SpaceTimeHighErrorRate",
                "sum(rate(" + setup.series("http_requests_total").replace("}", ",status=~\"5..\"}") + "[5s])) > 0")
            .label("incident_type", "high-error-rate").label("environment", "it")
            .annotation("summary", "the SpaceTime API answers 5xx"))
        .receiver("http://127.0.0.1:" + intake.port() + "/v1/alerts/alertmanager", TOKEN)
        .start();
    traffic = sendTraffic(host);

    bed.sandbox.induce(host, Condition.ERRORS, ConditionOptions.newBuilder().ratePercent(50).build());

    IncidentSummary opened = Await.until("the alert to open an incident", PATH, () ->
        client.openIncidents(IncidentFilter.ALL).incidents().stream().findFirst());
    assertThat(opened.type()).isEqualTo("high-error-rate");
    assertThat(opened.environment()).isEqualTo("it");
    assertThat(opened.key()).startsWith("incident-it-fp-");

    IncidentState fixed = Await.until("the incident to fix and verify", PATH, () -> {
      IncidentState s = client.incidentState(opened.key());
      return s.status() == IncidentStatus.MONITORING ? Optional.of(s) : Optional.empty();
    });
    assertThat(fixed.actionsTaken()).anyMatch(a -> a.contains("restarted the service"));
    assertThat(bed.sandbox.conditionsHolding(host)).isEmpty();

    IncidentState recorded = Await.until("the resolved notification to be recorded", PATH, () -> {
      IncidentState s = client.incidentState(opened.key());
      return s.resolveCandidates().isEmpty() ? Optional.empty() : Optional.of(s);
    });
    assertThat(recorded.status()).as("a resolved alert never resolves the incident by itself").isEqualTo(IncidentStatus.MONITORING);
    assertThat(recorded.occurrences()).as("the group's repeats joined the one incident").isEqualTo(1);
    assertThat(client.openIncidents(IncidentFilter.ALL).incidents()).hasSize(1);
  }

  /** Requests to the host's API, as users would send: they are what the 5xx rate is made of. */
  Thread sendTraffic(SandboxHost host) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Thread t = new Thread(() -> {
      while (sending.get()) {
        try {
          http.send(HttpRequest.newBuilder(URI.create(host.apiBaseUrl() + "/status")).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
          Thread.sleep(100); // a user's pace, not synchronisation
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // the service restarts during the test: a refused request is traffic too
        }
      }
    }, "user-traffic");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
