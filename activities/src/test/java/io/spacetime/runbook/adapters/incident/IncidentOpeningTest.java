package io.spacetime.runbook.adapters.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A document's incident report against Temporal's in-process test server: the first report starts
 * the incident under its key, the next one joins the same run. No worker polls the queue, so the
 * incident itself never runs: what is checked is what the server holds.
 */
class IncidentOpeningTest {

  static final String TASK_QUEUE = "incident-opening-test";

  TestWorkflowEnvironment env;
  IncidentOpeningImpl opening;

  @BeforeEach
  void start() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    RunbookSearchAttributes.ALL.forEach(key ->
        options.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    env.start();
    opening = new IncidentOpeningImpl(env.getWorkflowClient(), TASK_QUEUE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static IncidentRequest request(String type) {
    return new IncidentRequest(type, "production", "disk 97 % under /opt", "", "runbook:daily-check", "",
        Map.of("runbook", "daily-check"), List.of());
  }

  static AlertOccurrence occurrence(String episode) {
    return new AlertOccurrence(AlertOccurrence.FIRING, "", episode, "1.1 Disk", "runbook:daily-check", Map.of(), "");
  }

  @Test
  void theFirstReportOpensTheIncidentAndTheNextJoinsIt() {
    String key = opening.openOrJoinIncident(request("disk-space"), occurrence("run-1/1.1"));
    WorkflowStub incident = env.getWorkflowClient().newUntypedWorkflowStub(key, Optional.empty(), Optional.empty());
    String runId = incident.describe().getExecution().getRunId();

    assertEquals("incident-production-disk-space", key);
    assertEquals(IncidentWorkflow.TYPE, incident.describe().getWorkflowType());
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, incident.describe().getStatus());
    assertEquals(key, opening.openOrJoinIncident(request("disk-space"), occurrence("run-2/1.1")));
    assertEquals(runId, env.getWorkflowClient().newUntypedWorkflowStub(key, Optional.empty(), Optional.empty())
        .describe().getExecution().getRunId(), "joined, not started again");
  }

  @Test
  void anUnknownTypeIsRefusedWithoutStartingAnything() {
    ApplicationFailure refused = assertThrows(ApplicationFailure.class,
        () -> opening.openOrJoinIncident(request("disk-full"), occurrence("run-1/1")));
    assertTrue(refused.isNonRetryable());
    assertTrue(refused.getOriginalMessage().contains("type \"disk-full\" is not known"), refused.getOriginalMessage());
  }
}
