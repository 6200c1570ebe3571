package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bots and schedulers run runbook documents through the intake, with the Web UI's input, and follow them. */
class DocumentEndpointsTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  private static final String RUN =
      "{\"runbook\":\"operations-daily-check\",\"environment\":\"production\",\"parameters\":{\"errorLines\":\"5\"}}";
  private static final Map<String, String> KEY = Map.of("Idempotency-Key", "cron-2026-12-02-daily-check");

  @Test
  void aDocumentRunPostedTwiceWithOneKeyIsOneRunAndItsApproveStepIsAnsweredThroughTheIntake() {
    JsonNode first = started(intake.post("/v1/runbook-runs", RUN, KEY));
    JsonNode retry = started(intake.post("/v1/runbook-runs", RUN, KEY));
    String run = first.get("run").asText();
    assertThat(run).startsWith("runbook-operations-daily-check-production-");
    assertThat(retry.get("runId").asText()).isEqualTo(first.get("runId").asText());

    HttpResponse<String> approved = intake.post("/v1/runs/" + run + "/approve",
        "{\"decision\":\"approve\",\"approver\":\"Dana\",\"reason\":\"numbers look right\"}");
    JsonNode closed = IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=30s"));
    HttpResponse<String> report = intake.get(closed.at("/links/report").asText());

    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(approved).get("approved").asText()).isEqualTo("approve by Dana");
    assertThat(closed.get("type").asText()).isEqualTo("RunbookWorkflow");
    assertThat(closed.get("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(closed.get("exitCode").asInt()).isZero();
    assertThat(closed.get("message").asText()).isEqualTo("approved by Dana: numbers look right");
    assertThat(report.body()).contains("# Runbook operations-daily-check").contains("approved by Dana");
  }

  @Test
  void aRejectionEndsTheRunRolledBackWithExitCode2() {
    String run = started(intake.post("/v1/runbook-runs", RUN)).get("run").asText();

    intake.post("/v1/runs/" + run + "/approve", "{\"decision\":\"reject\",\"approver\":\"Dana\",\"reason\":\"not now\"}");
    JsonNode closed = IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=30s"));

    assertThat(closed.get("outcome").asText()).isEqualTo("ROLLED_BACK");
    assertThat(closed.get("exitCode").asInt()).isEqualTo(2);
  }

  @Test
  void aBadDocumentNameIs422AndATypo400EachNamingTheFieldAndNothingStarts() {
    HttpResponse<String> badName = intake.post("/v1/runbook-runs",
        "{\"runbook\":\"Daily Check\",\"environment\":\"production\"}");
    HttpResponse<String> typo = intake.post("/v1/runbook-runs",
        "{\"runbok\":\"operations-daily-check\",\"environment\":\"production\"}");

    assertThat(badName.statusCode()).as(badName.body()).isEqualTo(422);
    assertThat(badName.body()).contains("runbook \\\"Daily Check\\\" is not a document name");
    assertThat(typo.statusCode()).as(typo.body()).isEqualTo(400);
    assertThat(IntakeTestbed.json(typo).get("field").asText()).isEqualTo("runbok");
    assertThat(intake.sentToTemporal()).noneMatch(call -> call.startsWith("start"));
  }

  @Test
  void aDocumentsApproveStepTakesItsOwnBodyAndABadDecisionIsRefusedNamingIt() {
    String run = started(intake.post("/v1/runbook-runs", RUN)).get("run").asText();

    HttpResponse<String> emergencyShape = intake.post("/v1/runs/" + run + "/approve",
        "{\"approver\":\"Dana\",\"reason\":\"ok\"}");
    HttpResponse<String> badDecision = intake.post("/v1/runs/" + run + "/approve",
        "{\"decision\":\"maybe\",\"approver\":\"Dana\",\"reason\":\"ok\"}");

    assertThat(emergencyShape.statusCode()).as(emergencyShape.body()).isEqualTo(422);
    assertThat(emergencyShape.body()).contains("decision is required");
    assertThat(badDecision.statusCode()).as(badDecision.body()).isEqualTo(422);
    assertThat(badDecision.body()).contains("decision \\\"maybe\\\" is not \\\"approve\\\" or \\\"reject\\\"");
    assertThat(IntakeTestbed.json(intake.get("/v1/runs/" + run)).get("state").asText()).isEqualTo("RUNNING");
  }

  private static JsonNode started(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return IntakeTestbed.json(response);
  }
}
