package io.spacetime.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spacetime.runbook.adapters.incident.IncidentHistoryImpl;
import io.spacetime.runbook.adapters.incident.IncidentIndexActivitiesImpl;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.ports.incident.IncidentHistory;
import io.spacetime.runbook.ports.incident.IncidentHistoryQuery;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.starter.client.IncidentFilter;
import io.spacetime.runbook.starter.client.OpenIncidents;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.intake.IntakeServer;
import io.spacetime.runbook.starter.intake.IntakeSettings;
import io.spacetime.runbook.starter.intake.IntakeTokens;
import io.temporal.client.WorkflowNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real server the open incidents come from visibility, filtered by the search attributes
 * set when each incident's run starts (no worker needed: a signal-with-start creates the run), and
 * the intake's {@code GET /v1/incidents} answers from there too.
 */
class IncidentListOnRealServerTest {

  private static final String NO_WORKER_QUEUE = "incident-list-test";
  private static final String TOKEN = "e2e-token-0123456789abcdef";

  @TempDir Path dir;

  @Test
  void openIncidentsAreFoundByVisibilityAndFilteredBySearchAttributes() throws Exception {
    try (DevServer server = DevServer.start(dir.resolve("temporal"));
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.from(Map.of("TEMPORAL_ADDRESS", server.address(), "RUNBOOK_TASK_QUEUE", NO_WORKER_QUEUE)))) {
      RunbookClient client = new RunbookClient(connection);
      report(client, "high-error-rate", "production", "P1", "5xx at 7 %");
      report(client, "disk-space", "production", "P2", "/opt 95 % full");
      report(client, "slow-response", "staging", "", "p95 800 ms");

      OpenIncidents all = Await.until("three incidents in visibility", Duration.ofSeconds(30), () -> {
        OpenIncidents found = client.openIncidents(IncidentFilter.ALL);
        return found.incidents().size() == 3 ? Optional.of(found) : Optional.empty();
      });

      assertThat(all.source()).isEqualTo(OpenIncidents.VISIBILITY);
      assertThat(all.incidents()).extracting(IncidentSummary::summary).contains("5xx at 7 %", "p95 800 ms");
      assertThat(keys(client, new IncidentFilter("production", "", ""))).containsExactlyInAnyOrder(
          "incident-production-high-error-rate", "incident-production-disk-space");
      assertThat(keys(client, new IncidentFilter("", "P1", ""))).containsExactly("incident-production-high-error-rate");
      assertThat(keys(client, new IncidentFilter("", "", "slow-response"))).containsExactly("incident-staging-slow-response");

      // A runbook document's incidents step asks the same visibility for one environment's history.
      IncidentHistoryImpl history = new IncidentHistoryImpl(connection.client());
      IncidentHistory lastHour = history.incidentHistory(new IncidentHistoryQuery("production",
          System.currentTimeMillis() - Duration.ofHours(1).toMillis(), true));
      assertThat(lastHour.source()).startsWith("visibility: WorkflowType = 'IncidentWorkflow' AND Environment ="
          + " 'production' AND StartTime >= '").endsWith("' AND ExecutionStatus = 'Running'");
      assertThat(lastHour.incidents()).extracting(IncidentSummary::key).containsExactlyInAnyOrder(
          "incident-production-high-error-rate", "incident-production-disk-space");
      assertThat(lastHour.incidents()).extracting(IncidentSummary::status).containsOnly("Open");
      assertThat(history.incidentHistory(new IncidentHistoryQuery("production",
          System.currentTimeMillis() + Duration.ofHours(1).toMillis(), false)).incidents())
          .as("none opened after now").isEmpty();

      try (IntakeServer intake = IntakeServer.start(client, IntakeSettings.newBuilder(IntakeTokens.of(List.of(TOKEN)))
          .setPort(0).build(), Clock.systemUTC())) {
        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + intake.port() + "/v1/incidents?environment=staging"))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"source\":\"visibility\"").contains("incident-staging-slow-response")
            .doesNotContain("incident-production");
      }

      // With visibility the index is not kept: an incident's change does not start (or signal) it.
      IncidentIndexActivitiesImpl index = new IncidentIndexActivitiesImpl(connection.client(), NO_WORKER_QUEUE);
      index.upsertIncident(all.incidents().get(0));
      assertThat(index.serverHasVisibility()).isTrue();
      assertThatThrownBy(() -> connection.client().newUntypedWorkflowStub(IncidentIndexWorkflow.WORKFLOW_ID, Optional.empty(), Optional.empty()).describe())
          .isInstanceOf(WorkflowNotFoundException.class);
    }
  }

  /** A report is idempotent (signal-with-start under the incident's key), so one that met a busy server is sent again. */
  private static void report(RunbookClient client, String type, String environment, String severity, String summary)
      throws InterruptedException {
    IncidentRequest request = new IncidentRequest(type, environment, summary, severity, "e2e", "", Map.of(), List.of());
    AlertOccurrence occurrence = new AlertOccurrence(AlertOccurrence.FIRING, "", "1", summary, "e2e", Map.of(), "now");
    Await.until("the server takes the report of " + type, Duration.ofSeconds(60),
        () -> Optional.of(client.reportIncident(request, occurrence)));
  }

  private static List<String> keys(RunbookClient client, IncidentFilter filter) {
    return client.openIncidents(filter).incidents().stream().map(IncidentSummary::key).toList();
  }
}
