package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Release automation: start once per Idempotency-Key, long-poll the run, abort or approve it. */
class ReleaseEndpointsTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  private static final String DEPLOY = "{\"environment\":\"production\",\"version\":\"v2.5.1\",\"emergency\":true,\"reason\":\"CVE fix\"}";
  private static final Map<String, String> KEY = Map.of("Idempotency-Key", "pipeline-4711-deploy");

  @Test
  void aDeploymentPostedTwiceWithOneIdempotencyKeyIsOneRun() {
    JsonNode first = started(intake.post("/v1/deployments", DEPLOY, KEY));
    JsonNode retry = started(intake.post("/v1/deployments", DEPLOY, KEY));

    assertThat(retry.get("run").asText()).isEqualTo(first.get("run").asText()).startsWith("deploy-production-v2.5.1-");
    assertThat(retry.get("runId").asText()).isEqualTo(first.get("runId").asText());

    approve(first.get("run").asText());
    JsonNode closed = IntakeTestbed.json(intake.get("/v1/runs/" + first.get("run").asText() + "?wait=30s"));
    JsonNode afterClose = started(intake.post("/v1/deployments", DEPLOY, KEY));
    assertThat(closed.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(afterClose.get("runId").asText()).as("a retry after the run closed gets that run").isEqualTo(first.get("runId").asText());
  }

  @Test
  void anIdempotencyKeyReusedForAnotherRequestIs422AndStartsNothingNew() {
    JsonNode first = started(intake.post("/v1/deployments", DEPLOY, KEY));
    String other = "{\"environment\":\"production\",\"version\":\"v2.5.1\",\"emergency\":true,\"reason\":\"another reason\"}";

    HttpResponse<String> reused = intake.post("/v1/deployments", other, KEY);

    assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
    assertThat(IntakeTestbed.json(reused).get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(IntakeTestbed.json(intake.get("/v1/runs/" + first.get("run").asText())).get("state").asText()).isEqualTo("RUNNING");
  }

  @Test
  void waitAnswersWhenTheRunCloses() throws Exception {
    String run = started(intake.post("/v1/deployments", DEPLOY, KEY)).get("run").asText();

    CompletableFuture<HttpResponse<String>> waiting = intake.getAsync("/v1/runs/" + run + "?wait=30s");
    assertThat(intake.firstWaitForAResult().get(30, TimeUnit.SECONDS)).isEqualTo(run);
    approve(run);

    JsonNode closed = IntakeTestbed.json(waiting.get(60, TimeUnit.SECONDS));
    assertThat(closed.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(closed.get("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(closed.get("exitCode").asInt()).isZero();
    assertThat(closed.at("/links/report").asText()).isEqualTo("/v1/runs/" + run + "/report");
  }

  @Test
  void waitEndsWithTheRunStillRunningWhenTheWaitIsOver() {
    String run = started(intake.post("/v1/deployments", DEPLOY)).get("run").asText();

    JsonNode running = IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=200ms"));

    assertThat(running.get("state").asText()).isEqualTo("RUNNING");
    assertThat(running.get("waitingFor").asText()).isEqualTo("the emergency approval");
    assertThat(running.has("exitCode")).isFalse();
  }

  @Test
  void aWaitLongerThanTheIntakesLimitIs400() {
    String run = started(intake.post("/v1/deployments", DEPLOY)).get("run").asText();

    HttpResponse<String> response = intake.get("/v1/runs/" + run + "?wait=10m");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(IntakeTestbed.json(response).get("field").asText()).isEqualTo("wait");
  }

  @Test
  void abortStopsTheRunWhichEndsWithExitCode2() {
    String run = started(intake.post("/v1/deployments", DEPLOY)).get("run").asText();

    HttpResponse<String> abort = intake.post("/v1/runs/" + run + "/abort", "{\"reason\":\"wrong release\"}");

    assertThat(abort.statusCode()).as(abort.body()).isEqualTo(202);
    JsonNode closed = IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=30s"));
    assertThat(closed.get("outcome").asText()).isEqualTo("ABORTED");
    assertThat(closed.get("message").asText()).contains("wrong release");
    assertThat(closed.get("exitCode").asInt()).isEqualTo(2);
  }

  @Test
  void anApprovalTheRunRefusesIs409WithItsReason() {
    String run = started(intake.post("/v1/deployments", "{\"environment\":\"production\",\"version\":\"v2.5.1\"}"))
        .get("run").asText();

    HttpResponse<String> refused = intake.post("/v1/runs/" + run + "/approve", "{\"approver\":\"Sam\",\"reason\":\"why not\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(IntakeTestbed.json(refused).get("error").asText()).contains("waits for no approval");
  }

  @Test
  void anApprovalOfAClosedRunIs409SayingItClosed() {
    String run = started(intake.post("/v1/deployments", DEPLOY)).get("run").asText();
    approve(run);
    intake.get("/v1/runs/" + run + "?wait=30s");

    HttpResponse<String> again = intake.post("/v1/runs/" + run + "/approve", "{\"approver\":\"Sam\",\"reason\":\"again\"}");

    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(IntakeTestbed.json(again).get("error").asText()).contains("COMPLETED");
  }

  @Test
  void aRollbackRunsAndItsReportIsLinked() {
    String run = started(intake.post("/v1/rollbacks", "{\"environment\":\"production\",\"reason\":\"error rate 7%\"}"))
        .get("run").asText();

    JsonNode closed = IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=30s"));
    HttpResponse<String> report = intake.get(closed.at("/links/report").asText());

    assertThat(closed.get("type").asText()).isEqualTo("RollbackWorkflow");
    assertThat(closed.get("exitCode").asInt()).isZero();
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body()).contains("restored v2.4.0");
  }

  @Test
  void anIncidentIsNotARun() {
    intake.post("/v1/incidents", "{\"type\":\"disk-space\",\"environment\":\"production\",\"summary\":\"full\"}");

    HttpResponse<String> response = intake.post("/v1/runs/incident-production-disk-space/abort", "{\"reason\":\"no\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.body()).as("the route's own answer, not the fallback 'no such endpoint'")
        .contains("no deployment, rollback or runbook document run incident-production-disk-space");
    assertThat(intake.sentToTemporal()).noneMatch(call -> call.startsWith("cancel"));
  }

  @Test
  void anUnknownRunIs404() {
    assertThat(intake.get("/v1/runs/deploy-production-v9.9.9-nothing").statusCode()).isEqualTo(404);
  }

  private void approve(String run) {
    HttpResponse<String> approved = intake.post("/v1/runs/" + run + "/approve", "{\"approver\":\"Dana\",\"reason\":\"CVE fix\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
  }

  private static JsonNode started(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return IntakeTestbed.json(response);
  }

  @Test
  void aWatchWindowDecisionIsSentAndABadOneIsRefusedNamingTheField() {
    String run = started(intake.post("/v1/deployments", "{\"environment\":\"production\",\"version\":\"v2.5.1\"}"))
        .get("run").asText();

    HttpResponse<String> typo = intake.post("/v1/runs/" + run + "/decide",
        "{\"decision\":\"maybe\",\"approver\":\"Dana\",\"reason\":\"nightly import\"}");
    assertThat(typo.statusCode()).as(typo.body()).isEqualTo(422);
    assertThat(typo.body()).contains("decision \\\"maybe\\\" is not \\\"rollback\\\" or \\\"keep\\\"");
    assertThat(IntakeTestbed.json(intake.get("/v1/runs/" + run)).get("state").asText()).isEqualTo("RUNNING");

    HttpResponse<String> kept = intake.post("/v1/runs/" + run + "/decide",
        "{\"decision\":\"keep\",\"approver\":\"Dana\",\"reason\":\"nightly import\"}");
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(kept).get("decided").asText()).isEqualTo("keep by Dana: nightly import");
    assertThat(IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=30s")).get("outcome").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRolloutApprovalIsSentAndABadOneIsRefusedNamingTheField() {
    String run = started(intake.post("/v1/deployments",
        "{\"environment\":\"production\",\"version\":\"v2.5.1\",\"canary\":1,\"pause\":\"approval\"}"))
        .get("run").asText();

    HttpResponse<String> typo = intake.post("/v1/runs/" + run + "/continue",
        "{\"decision\":\"go\",\"approver\":\"Dana\",\"reason\":\"canary fine\"}");
    assertThat(typo.statusCode()).as(typo.body()).isEqualTo(422);
    assertThat(typo.body()).contains("decision \\\"go\\\" is not \\\"continue\\\" or \\\"rollback\\\"");
    HttpResponse<String> badSize = intake.post("/v1/deployments",
        "{\"environment\":\"production\",\"version\":\"v2.5.1\",\"batchSize\":\"half\"}");
    assertThat(badSize.statusCode()).as(badSize.body()).isEqualTo(422);
    assertThat(badSize.body()).contains("batchSize \\\"half\\\" is not a number of hosts");

    HttpResponse<String> going = intake.post("/v1/runs/" + run + "/continue",
        "{\"decision\":\"continue\",\"approver\":\"Dana\",\"reason\":\"canary fine\"}");
    assertThat(going.statusCode()).as(going.body()).isEqualTo(200);
    assertThat(IntakeTestbed.json(going).get("decided").asText()).isEqualTo("continue by Dana: canary fine");
    assertThat(IntakeTestbed.json(intake.get("/v1/runs/" + run + "?wait=30s")).get("outcome").asText()).isEqualTo("SUCCEEDED");
  }
}
