package io.spacetime.runbook.adapters.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.incident.IncidentIndexWorkflowImpl;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index of open incidents through its activities, against Temporal's in-process test server. */
class IncidentIndexActivitiesTest {

  static final String TASK_QUEUE = "incident-index-test";

  TestWorkflowEnvironment env;
  IncidentIndexActivitiesImpl activities;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(IncidentIndexWorkflowImpl.class);
    env.start();
    activities = new IncidentIndexActivitiesImpl(env.getWorkflowClient(), TASK_QUEUE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static IncidentSummary summary(String key, String severity, long startedAt) {
    return new IncidentSummary(key, "high-error-rate", "production", severity, "Investigating", "5xx", startedAt, "");
  }

  List<IncidentSummary> open() {
    return env.getWorkflowClient().newWorkflowStub(IncidentIndexWorkflow.class, IncidentIndexWorkflow.WORKFLOW_ID).open();
  }

  @Test
  void theFirstReportCreatesTheIndexAndLaterOnesReplaceTheirLine() {
    assertFalse(activities.serverHasVisibility(), "the test server has no visibility: the index is kept");
    activities.upsertIncident(summary("incident-production-a", "P2", 1));
    activities.upsertIncident(summary("incident-production-b", "P1", 2));
    activities.upsertIncident(summary("incident-production-a", "P0", 1));
    activities.upsertIncident(summary("incident-production-a", "P0", 1));
    assertEquals(List.of("incident-production-b P1", "incident-production-a P0"),
        open().stream().map(s -> s.key() + " " + s.severity()).toList());
  }

  @Test
  void aClosedIncidentLeavesTheIndexAndARetriedRemoveIsHarmless() {
    activities.upsertIncident(summary("incident-production-a", "P2", 1));
    activities.removeIncident("incident-production-a");
    activities.removeIncident("incident-production-a");
    assertEquals(List.of(), open());
  }
}
