package io.spacetime.runbook.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.alerts.WebhookReceiver.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the incident intake will receive: a metric served by a real target crosses a real
 * Prometheus rule, and the real Alertmanager POSTs its version 4 webhook (ENVIRONMENT.md
 * "Alertmanager webhook (version 4), as Debian's 0.25 sends it").
 */
class AlertmanagerWebhookTest {

  static final String METRIC = "spacetime_error_ratio";
  /** Generous: the measured path is 1-3 s; a loaded CI machine must not fail for being slow. */
  static final Duration NOTIFIED = Duration.ofSeconds(30);
  static final String FIRING_ENDS_AT = "0001-01-01T00:00:00Z";
  private static final Logger log = LoggerFactory.getLogger(AlertmanagerWebhookTest.class);

  MetricTarget target;
  WebhookReceiver receiver;
  AlertScenario scenario;

  @BeforeEach
  void setUp() throws Exception {
    AlertingStack stack = AlertingStack.shared();
    target = MetricTarget.start().set(METRIC, 0.01);
    receiver = WebhookReceiver.start();
    AlertScenario.Builder setup = stack.scenario("error-rate");
    scenario = setup.scrape(target.address())
        .rule(AlertRule.alert("HighErrorRate", setup.series(METRIC) + " > 0.05")
            .label("severity", "critical")
            .annotation("summary", "Error rate {{ $value }} above 5 %")
            .annotation("runbook", "RUNBOOK_INCIDENTS.md Incident 2: High Error Rate"))
        .receiver(receiver.url())
        .start();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (scenario != null) {
      scenario.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aMetricCrossingARuleReachesTheReceiverAsAVersion4Webhook() throws Exception {
    long crossed = System.nanoTime();
    target.set(METRIC, 0.07);

    Notification firing = receiver.await("a firing notification", NOTIFIED, n -> n.status().equals("firing"));

    log.info("metric crossed -> webhook: {} ms; alert startsAt -> webhook: {} ms",
        (firing.receivedNanos() - crossed) / 1_000_000,
        Duration.between(Instant.parse(firing.alert().path("startsAt").asText()), firing.receivedAt()).toMillis());
    JsonNode body = firing.body();
    assertEquals("4", body.path("version").asText());
    assertEquals("firing", body.path("status").asText());
    assertEquals("{}/{scenario=\"" + scenario.name() + "\"}:{alertname=\"HighErrorRate\"}", body.path("groupKey").asText());
    assertEquals(0, body.path("truncatedAlerts").asInt(-1));
    assertEquals(1, body.path("alerts").size());
    JsonNode alert = firing.alert();
    assertEquals("firing", alert.path("status").asText());
    assertEquals(Map.of("alertname", "HighErrorRate", "severity", "critical", "scenario", scenario.name(),
        "job", scenario.name(), "instance", target.address()), strings(alert.path("labels")));
    assertEquals(Map.of("summary", "Error rate 0.07 above 5 %", "runbook", "RUNBOOK_INCIDENTS.md Incident 2: High Error Rate"),
        strings(alert.path("annotations")));
    Instant.parse(alert.path("startsAt").asText());
    assertEquals(FIRING_ENDS_AT, alert.path("endsAt").asText());
    assertTrue(alert.path("fingerprint").asText().matches("[0-9a-f]{16}"), alert.path("fingerprint").asText());
  }

  @Test
  void anAlertThatKeepsFiringIsNotifiedAgainAsTheSameAlert() throws Exception {
    target.set(METRIC, 0.07);
    Notification first = receiver.await("a firing notification", NOTIFIED, n -> n.status().equals("firing"));

    Notification repeat = receiver.awaitAfter(first, "a repeated firing notification", NOTIFIED,
        n -> n.status().equals("firing"));

    log.info("repeat after {} ms", (repeat.receivedNanos() - first.receivedNanos()) / 1_000_000);
    assertEquals(first.alert().path("fingerprint"), repeat.alert().path("fingerprint"));
    assertEquals(first.alert().path("startsAt"), repeat.alert().path("startsAt"));
    assertEquals(first.body().path("groupKey"), repeat.body().path("groupKey"));
  }

  @Test
  void whenTheMetricDropsTheSameAlertIsNotifiedResolved() throws Exception {
    target.set(METRIC, 0.07);
    Notification firing = receiver.await("a firing notification", NOTIFIED, n -> n.status().equals("firing"));

    long dropped = System.nanoTime();
    target.set(METRIC, 0.002);
    Notification resolved = receiver.awaitAfter(firing, "a resolved notification", NOTIFIED,
        n -> n.status().equals("resolved"));

    log.info("metric dropped -> resolved webhook: {} ms", (resolved.receivedNanos() - dropped) / 1_000_000);
    JsonNode alert = resolved.alert();
    assertEquals("resolved", alert.path("status").asText());
    assertEquals(firing.alert().path("fingerprint"), alert.path("fingerprint"));
    assertEquals(firing.alert().path("startsAt"), alert.path("startsAt"));
    assertTrue(Instant.parse(alert.path("endsAt").asText()).isAfter(Instant.parse(alert.path("startsAt").asText())),
        alert.toString());
    // The resolved alert carries the annotations of its firing (the value that fired it, not the last one).
    assertEquals(firing.alert().path("annotations"), alert.path("annotations"));
  }

  private static Map<String, String> strings(JsonNode object) {
    return new ObjectMapper().convertValue(object, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
  }
}
