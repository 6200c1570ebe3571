package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.client.WorkflowOptions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bots open incidents; people acknowledge, note, re-rate, decide, escalate and resolve them over HTTP. */
class IncidentEndpointsTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  private static final String KEY = "incident-production-high-error-rate";
  private static final String REPORT =
      "{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":\"5xx at 7 %\",\"source\":\"bot:slack\"}";

  @Test
  void aRetriedReportWithTheSameIdempotencyKeyIsOneOccurrence() {
    Map<String, String> retry = Map.of("Idempotency-Key", "slack-msg-1700000000.123");
    assertThat(intake.post("/v1/incidents", REPORT, retry).statusCode()).isEqualTo(202);
    HttpResponse<String> again = intake.post("/v1/incidents", REPORT, retry);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(IntakeTestbed.json(again).get("incident").asText()).isEqualTo(KEY);
    JsonNode state = update("ack", "{\"by\":\"alice\"}");
    assertThat(state.get("notifications").asInt()).isEqualTo(2);
    assertThat(state.get("occurrences").asInt()).as("one episode: the key").isEqualTo(1);
  }

  @Test
  void everyUpdateReachesTheIncidentAndAnswersItsState() {
    intake.post("/v1/incidents", REPORT);

    assertThat(update("ack", "{\"by\":\"alice\"}").get("acknowledgedBy").asText()).isEqualTo("alice");
    update("notes", "{\"by\":\"alice\",\"text\":\"errors began with the v2.5.0 deploy\"}");
    assertThat(update("severity", "{\"severity\":\"P0\",\"by\":\"alice\",\"reason\":\"all endpoints 500\"}")
        .get("severity").asText()).isEqualTo("P0");
    update("approve", "{\"action\":\"" + RecordingIncidentWorkflow.PENDING + "\",\"by\":\"dana\",\"reason\":\"stray debug server\"}");
    update("reject", "{\"action\":\"" + RecordingIncidentWorkflow.PENDING + "\",\"by\":\"dana\",\"reason\":\"not now\"}");
    update("escalate", "{\"by\":\"alice\",\"reason\":\"needs the database team\"}");
    assertThat(update("resolve", "{\"by\":\"alice\",\"summary\":\"rolled back\",\"rootCause\":\"bad release\"}")
        .get("status").asText()).isEqualTo("RESOLVED");

    assertThat(intake.sentToTemporal()).containsExactly("signalWithStart IncidentWorkflow " + KEY,
        "update acknowledge " + KEY, "update addNote " + KEY, "update setSeverity " + KEY, "update approve " + KEY,
        "update reject " + KEY, "update escalateNow " + KEY, "update resolve " + KEY);
  }

  @Test
  void anUpdateTheIncidentRefusesIs409WithItsReason() {
    intake.post("/v1/incidents", REPORT);

    HttpResponse<String> refused = intake.post("/v1/incidents/" + KEY + "/approve",
        "{\"action\":\"delete-everything@api-1\",\"by\":\"dana\",\"reason\":\"why not\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(IntakeTestbed.json(refused).get("error").asText()).contains("no action 'delete-everything@api-1'")
        .contains(RecordingIncidentWorkflow.PENDING);
  }

  @Test
  void anUpdateOfAClosedIncidentIs409SayingItClosed() {
    intake.post("/v1/incidents", REPORT);
    update("resolve", "{\"by\":\"alice\",\"summary\":\"rolled back\",\"rootCause\":\"bad release\"}");

    HttpResponse<String> late = intake.post("/v1/incidents/" + KEY + "/ack", "{\"by\":\"bob\"}");

    assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    assertThat(IntakeTestbed.json(late).get("error").asText()).contains("is closed (COMPLETED)");
  }

  @Test
  void anUpdateOfAnUnknownIncidentIs404() {
    HttpResponse<String> response = intake.post("/v1/incidents/incident-production-disk-space/ack", "{\"by\":\"alice\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
  }

  @Test
  void showGivesStateAndTimelineAndThePostMortemIsMarkdown() {
    intake.post("/v1/incidents", REPORT);
    update("notes", "{\"by\":\"alice\",\"text\":\"errors began with the v2.5.0 deploy\"}");

    JsonNode shown = IntakeTestbed.json(intake.get("/v1/incidents/" + KEY));
    assertThat(shown.at("/state/key").asText()).isEqualTo(KEY);
    assertThat(shown.get("timeline").findValuesAsText("kind")).contains("DETECTED", "ALERT", "NOTE");

    HttpResponse<String> postMortem = intake.get("/v1/incidents/" + KEY + "/postmortem");
    assertThat(postMortem.statusCode()).isEqualTo(200);
    assertThat(postMortem.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    assertThat(postMortem.body()).startsWith("# Post-Incident Review: 5xx at 7 %").contains("NOTE errors began");
  }

  @Test
  void theListComesFromTheIndexWhereTheServerHasNoVisibilityAndIsFiltered() {
    IncidentIndexWorkflow index = intake.temporal().newWorkflowStub(IncidentIndexWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentIndexWorkflow.WORKFLOW_ID).setTaskQueue(IntakeTestbed.TASK_QUEUE).build());
    var batch = intake.temporal().newSignalWithStartRequest();
    batch.add(index::keep, List.<IncidentSummary>of());
    batch.add(index::upsert, new IncidentSummary(KEY, "high-error-rate", "production", "P1", "Investigating", "5xx", 2, ""));
    intake.temporal().signalWithStart(batch);
    index.upsert(new IncidentSummary("incident-staging-disk-space", "disk-space", "staging", "P2", "Fixing", "disk", 1, ""));

    JsonNode all = IntakeTestbed.json(intake.get("/v1/incidents"));
    JsonNode production = IntakeTestbed.json(intake.get("/v1/incidents?environment=production&severity=P1"));
    JsonNode none = IntakeTestbed.json(intake.get("/v1/incidents?type=memory-leak"));

    assertThat(all.get("source").asText()).isEqualTo("index");
    assertThat(all.get("incidents").findValuesAsText("key")).containsExactly(KEY, "incident-staging-disk-space");
    assertThat(production.get("incidents").findValuesAsText("key")).containsExactly(KEY);
    assertThat(none.get("incidents")).isEmpty();
  }

  @Test
  void theListIsEmptyBeforeAnyIncidentOpened() {
    JsonNode all = IntakeTestbed.json(intake.get("/v1/incidents"));

    assertThat(all.get("incidents")).isEmpty();
    assertThat(all.get("source").asText()).isEqualTo("index");
  }

  private JsonNode update(String action, String body) {
    HttpResponse<String> response = intake.post("/v1/incidents/" + KEY + "/" + action, body);
    assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
    return IntakeTestbed.json(response);
  }
}
