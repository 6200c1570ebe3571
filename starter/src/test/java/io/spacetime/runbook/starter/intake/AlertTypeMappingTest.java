package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An alert without incident_type or environment labels takes the intake's settings. */
class AlertTypeMappingTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.configured(settings -> settings
      .addTypeFor("DiskAlmostFull=disk-space").setDefaultEnvironment("staging"));

  @Test
  void theAlertnameMappingAndTheDefaultEnvironmentNameTheIncident() {
    HttpResponse<String> response = intake.post("/v1/alerts/alertmanager", Alerts.notification(
        Alerts.alert("firing", "00aa11bb22cc33dd", Alerts.FIRST_EPISODE, Map.of("alertname", "DiskAlmostFull"))));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(response).at("/accepted/0/incident").asText()).isEqualTo("incident-staging-fp-00aa11bb22cc33dd");
    assertThat(intake.sentToTemporal()).containsExactly("signalWithStart IncidentWorkflow incident-staging-fp-00aa11bb22cc33dd");
  }

  @Test
  void anIncidentTypeLabelOutsideTheSevenIsRefusedNamingThem() {
    HttpResponse<String> response = intake.post("/v1/alerts/alertmanager", Alerts.notification(
        Alerts.alert("firing", "00aa11bb22cc33dd", Alerts.FIRST_EPISODE, Map.of("alertname", "X", "incident_type", "cpu"))));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(IntakeTestbed.json(response).at("/rejected/0/error").asText()).contains("memory-leak, disk-space");
    assertThat(intake.sentToTemporal()).isEmpty();
  }
}
