package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alertmanager retries only within its group interval: a report must be accepted while no worker
 * runs (a deploy of the worker, a crash) and be processed once one does.
 */
class SignalWithStartWithoutWorkerTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withoutWorker();

  @Test
  void anAlertIsAcceptedWithNoWorkerAndProcessedWhenOneStarts() {
    HttpResponse<String> accepted = intake.post("/v1/alerts/alertmanager",
        Alerts.notification(Alerts.highErrorRate("firing", Alerts.FIRST_EPISODE)));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(intake.temporal().newUntypedWorkflowStub(Alerts.KEY).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    intake.startWorker();

    HttpResponse<String> ack = intake.post("/v1/incidents/" + Alerts.KEY + "/ack", "{\"by\":\"alice\"}");
    assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
    JsonNode state = IntakeTestbed.json(ack);
    assertThat(state.get("notifications").asInt()).as("the alert signal, processed by the worker").isEqualTo(1);
    assertThat(state.get("summary").asText()).isEqualTo("5xx rate above 5 % on the API");
  }

  @Test
  void aBotReportIsAcceptedWithNoWorker() {
    HttpResponse<String> accepted = intake.post("/v1/incidents",
        "{\"type\":\"disk-space\",\"environment\":\"production\",\"summary\":\"/opt 95 % full\"}");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(IntakeTestbed.json(accepted).get("incident").asText()).isEqualTo("incident-production-disk-space");
    assertThat(intake.temporal().newUntypedWorkflowStub("incident-production-disk-space").describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
