package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed and hostile bodies at every door: each is answered at once with its status, the
 * field and what is accepted, and nothing reaches Temporal (no start, no signal, no update).
 */
class IntakeBadInputTest {

  static final int LIMIT = 8 * 1024;

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.configured(s -> s.setMaxBodyBytes(LIMIT));

  private static final String KEY = "incident-production-high-error-rate";

  @AfterEach
  void nothingWasStarted() {
    assertThat(intake.sentToTemporal()).as("calls that reached Temporal").isEmpty();
    intake.assertNoRun(KEY);
  }

  @Test
  void malformedJsonIs400WithTheParsersMessage() {
    JsonNode error = expect(400, intake.post("/v1/incidents", "{\"type\":\"high-error-rate\",\"environment\":"));
    assertThat(error.get("error").asText()).startsWith("malformed JSON:").contains("line 1");
  }

  @Test
  void trailingGarbageIs400() {
    expect(400, intake.post("/v1/incidents", report("5xx") + " {}"));
  }

  @Test
  void anArrayInsteadOfAnObjectIs400() {
    JsonNode error = expect(400, intake.post("/v1/incidents", "[" + report("5xx") + "]"));
    assertThat(error.get("error").asText()).contains("one JSON object").contains("array");
  }

  @Test
  void anUnknownFieldIs400NamingItAndTheAcceptedOnes() {
    JsonNode error = expect(400, intake.post("/v1/incidents",
        "{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":\"x\",\"sevirity\":\"P1\"}"));
    assertThat(error.get("field").asText()).isEqualTo("sevirity");
    assertThat(error.get("error").asText()).contains("unknown field 'sevirity'").contains("severity");
  }

  @Test
  void aWrongTypeIs400NamingTheField() {
    JsonNode error = expect(400, intake.post("/v1/incidents",
        "{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":42}"));
    assertThat(error.get("field").asText()).isEqualTo("summary");
    assertThat(error.get("error").asText()).contains("a string");
  }

  @Test
  void aStringForABooleanIs400() {
    JsonNode error = expect(400, intake.post("/v1/deployments",
        "{\"environment\":\"production\",\"version\":\"v2.5.0\",\"emergency\":\"yes\"}"));
    assertThat(error.get("field").asText()).isEqualTo("emergency");
  }

  @Test
  void aDuplicateKeyIs400() {
    expect(400, intake.post("/v1/incidents",
        "{\"type\":\"high-error-rate\",\"type\":\"disk-space\",\"environment\":\"production\",\"summary\":\"x\"}"));
  }

  @Test
  void deeplyNestedJsonIsRefused() {
    String deep = "{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":\"x\",\"labels\":"
        + "{\"a\":".repeat(40) + "\"x\"" + "}".repeat(40) + "}";
    JsonNode error = expect(400, intake.post("/v1/incidents", deep));
    assertThat(error.get("error").asText()).contains("nests deeper than " + JsonBodies.MAX_DEPTH);
  }

  @Test
  void anUnknownTypeIs422NamingTheSeven() {
    JsonNode error = expect(422, intake.post("/v1/incidents",
        "{\"type\":\"cpu-on-fire\",\"environment\":\"production\",\"summary\":\"x\"}"));
    assertThat(error.get("field").asText()).isEqualTo("type");
    assertThat(error.get("error").asText()).contains("api-unresponsive, high-error-rate, slow-response, auth-failures,"
        + " scene-load-failures, memory-leak, disk-space");
    intake.assertNoRun("incident-production-cpu-on-fire");
  }

  @Test
  void anOversizeSummaryIs422() {
    JsonNode error = expect(422, intake.post("/v1/incidents", report("x".repeat(501))));
    assertThat(error.get("field").asText()).isEqualTo("summary");
    assertThat(error.get("error").asText()).contains("at most 500");
  }

  @Test
  void shellMetacharactersInAnEnvironmentAreRefused() {
    JsonNode error = expect(422, intake.post("/v1/incidents",
        "{\"type\":\"high-error-rate\",\"environment\":\"prod; rm -rf /\",\"summary\":\"x\"}"));
    assertThat(error.get("field").asText()).isEqualTo("environment");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    byte[] big = report("x".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8);
    JsonNode error = expect(413, intake.sendBytes("/v1/incidents", big));
    assertThat(error.get("error").asText()).contains(String.valueOf(LIMIT));
  }

  @Test
  void anEmptyBodyIs400() {
    expect(400, intake.post("/v1/incidents", ""));
  }

  @Test
  void anUnknownQueryParameterIs400NamingIt() {
    JsonNode error = expect(400, intake.get("/v1/incidents?envirnoment=production"));
    assertThat(error.get("field").asText()).isEqualTo("envirnoment");
  }

  @Test
  void aListFilterOutsideTheAllowListIs400() {
    JsonNode error = expect(400, intake.get("/v1/incidents?severity=P9"));
    assertThat(error.get("error").asText()).contains("P0, P1, P2, P3, P4");
  }

  @Test
  void anUpdateWithAMalformedIncidentIdIs400() {
    JsonNode error = expect(400, intake.post("/v1/incidents/..%2F..%2Fetc/ack", "{\"by\":\"alice\"}"));
    assertThat(error.get("field").asText()).isEqualTo("id");
  }

  @Test
  void anUpdateThatFailsItsOwnValidationIs422BeforeReachingTheIncident() {
    JsonNode error = expect(422, intake.post("/v1/incidents/" + KEY + "/resolve", "{\"by\":\"alice\",\"summary\":\"done\"}"));
    assertThat(error.get("field").asText()).isEqualTo("rootCause");
  }

  @Test
  void aBadIdempotencyKeyIs400() {
    JsonNode error = expect(400, intake.post("/v1/deployments", "{\"environment\":\"production\",\"version\":\"v2.5.0\"}",
        java.util.Map.of("Idempotency-Key", "x".repeat(300))));
    assertThat(error.get("field").asText()).isEqualTo("Idempotency-Key");
  }

  @Test
  void aDeploymentOfAnUnsafeVersionIs422() {
    JsonNode error = expect(422, intake.post("/v1/deployments", "{\"environment\":\"production\",\"version\":\"$(id)\"}"));
    assertThat(error.get("field").asText()).isEqualTo("version");
  }

  @Test
  void aRollbackWithoutAReasonIs422() {
    JsonNode error = expect(422, intake.post("/v1/rollbacks", "{\"environment\":\"production\"}"));
    assertThat(error.get("field").asText()).isEqualTo("reason");
  }

  @Test
  void anAlertmanagerBodyWithWrongTypesIs400() {
    JsonNode error = expect(400, intake.post("/v1/alerts/alertmanager", "{\"version\":\"4\",\"alerts\":{\"status\":\"firing\"}}"));
    assertThat(error.get("field").asText()).isEqualTo("alerts");
  }

  @Test
  void anAlertWithOversizeLabelsIsRefusedNamingTheLabel() {
    java.util.Map<String, String> labels = new java.util.HashMap<>(Alerts.typedLabels());
    labels.put("note", "y".repeat(600));
    HttpResponse<String> response = intake.post("/v1/alerts/alertmanager",
        Alerts.notification(Alerts.alert("firing", Alerts.FINGERPRINT, Alerts.FIRST_EPISODE, labels)));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(IntakeTestbed.json(response).at("/rejected/0/field").asText()).startsWith("alerts[0].labels");
    intake.assertNoRun(Alerts.KEY);
  }

  private static String report(String summary) {
    return "{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":\"" + summary + "\"}";
  }

  private static JsonNode expect(int status, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode body = IntakeTestbed.json(response);
    assertThat(body.get("error").asText()).isNotBlank();
    return body;
  }
}
