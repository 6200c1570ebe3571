package io.spacetime.runbook.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The actions the operations documents need (issue 13 section 2), with the activities faked at
 * their interfaces: {@code incidents} (the environment's incident history as evidence and a count
 * gate), {@code prometheus} (a query and its limits, "not checked" without Prometheus) and
 * {@code note} (the run waits for the note update and records it).
 */
class OperationsActionsTest {

  static final String QUEUE = "runbooks-operations";
  static final String PROMETHEUS = "http://prometheus.sandbox:9090";

  static final String HISTORY = """
      name: history
      description: the night's incidents and none left open
      steps:
        - id: "1"
          title: Opened in the last 24 h
          incidents: {openedWithin: 24h}
        - id: "2"
          title: None still open
          incidents: {stillOpen: true, max: 0}
          onFailure: continue
      """;

  static final String METRICS = """
      name: metrics
      description: error rate from Prometheus
      steps:
        - id: "3"
          title: Error rate at most 1 %
          prometheus: {metric: errorRate, max: 0.01}
          onFailure: incident
          incidentType: high-error-rate
        - id: "4"
          title: After
          run: {command: "echo after"}
      """;

  static final String HANDOFF = """
      name: handoff
      description: waits for the handoff note
      steps:
        - id: "4"
          title: Read handoff notes
          note: {prompt: "read the last shift's notes", timeout: 2h, onTimeout: TIMEOUT}
          onFailure: continue
        - id: "5"
          title: After
          run: {command: "echo after"}
      """;

  static final DocumentWorld world = new DocumentWorld();
  static TestWorkflowEnvironment env;
  static int runs;

  @BeforeAll
  static void start() {
    env = world.startInterpreter(QUEUE);
  }

  @BeforeEach
  void freshWorld() {
    world.reset();
    world.documents.put("history", HISTORY);
    world.documents.put("metrics", METRICS);
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  RunbookWorkflow startRun(String runbook) {
    RunbookWorkflow run = env.getWorkflowClient().newWorkflowStub(RunbookWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("runbook-" + runbook + "-ops-" + ++runs).build());
    WorkflowClient.start(run::run, new RunbookRequest(runbook, "sandbox", Map.of()));
    return run;
  }

  static RunbookResult resultOf(RunbookWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
  }

  static StepResult step(RunbookResult result, String id) {
    return result.steps().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + id + " in " + result.steps()));
  }

  /** A step as the progress query has it: a passed step with its summary (the result keeps only failures'). */
  static StepResult detailed(RunbookWorkflow run, String id) {
    return run.progress().steps().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + id));
  }

  @Test
  void theIncidentHistoryIsAskedForTheLastDayAndWhatIsStillOpen() {
    RunbookWorkflow run = startRun("history");
    RunbookResult result = resultOf(run);

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals("every step passed", result.message());
    List<String> journal = world.journal();
    assertEquals(2, journal.size(), journal.toString());
    // The cut-off is the workflow's clock at the step less 24 h.
    assertEquals("incidents of sandbox opened after " + Instant.ofEpochMilli(step(result, "1").startedAt())
        .minus(Duration.ofHours(24)), journal.get(0));
    assertEquals("incidents of sandbox still open", journal.get(1));
    assertEquals("0 incident(s) of sandbox opened in the last 24h (evidence)", detailed(run, "1").summary());
  }

  @Test
  void anIncidentLeftOpenFailsTheCountGateAndIsNamed() {
    world.incidents = List.of(new IncidentSummary("incident-sandbox-disk-space", "disk-space", "sandbox", "P2", "Open",
        "", RunbookTestbed.TUESDAY_MORNING.minusSeconds(3600).toEpochMilli(), ""));

    RunbookResult result = resultOf(startRun("history"));

    assertEquals(StepStatus.PASSED, step(result, "1").status(), "the history alone is evidence: " + step(result, "1"));
    StepResult open = step(result, "2");
    assertEquals(StepStatus.FAILED, open.status());
    assertEquals("1 incident(s) of sandbox still open, at most 0 allowed: incident-sandbox-disk-space (disk-space, P2,"
        + " Open, opened 2025-12-02T09:30:00Z)", open.summary());
    assertTrue(result.message().contains("2 None still open: 1 incident(s)"), result.message());
  }

  @Test
  void withoutPrometheusTheStepIsNotCheckedNeverPassed() {
    RunbookResult result = resultOf(startRun("metrics"));

    StepResult metric = step(result, "3");
    assertEquals(StepStatus.SKIPPED, metric.status());
    assertEquals("not checked: environment sandbox configures no Prometheus (incident.prometheusUrl or"
        + " watch.prometheusUrl in its environment file)", metric.summary());
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertTrue(result.message().startsWith("every step checked passed; not checked: 3 Error rate at most 1 % (not checked:"),
        result.message());
    assertTrue(world.journal().stream().noneMatch(line -> line.startsWith("prometheus")), world.journal().toString());
  }

  @Test
  void anErrorRateOverItsMaxFailsAndOpensTheMatchingIncident() {
    world.withPrometheus(PROMETHEUS);
    world.metricValue = 0.05;

    RunbookResult result = resultOf(startRun("metrics"));

    assertEquals(StepStatus.FAILED, step(result, "3").status());
    assertTrue(world.journal().contains("prometheus " + PROMETHEUS + " " + WatchSettings.RUNBOOK_ERROR_RATE_QUERY),
        world.journal().toString());
    assertTrue(world.journal().stream().anyMatch(line -> line.startsWith("incident high-error-rate on sandbox: 3 Error"
        + " rate at most 1 %: " + WatchSettings.RUNBOOK_ERROR_RATE_QUERY + " = 0.05 > 0.01 allowed")), world.journal().toString());
    assertTrue(world.journal().contains("run api-1: echo after"), "onFailure: incident goes on");
  }

  @Test
  void anErrorRateWithinItsMaxPasses() {
    world.withPrometheus(PROMETHEUS);
    world.metricValue = 0.002;

    RunbookWorkflow run = startRun("metrics");
    RunbookResult result = resultOf(run);

    assertEquals("every step passed", result.message());
    assertEquals(WatchSettings.RUNBOOK_ERROR_RATE_QUERY + " = 0.002 within <= 0.01", detailed(run, "3").summary());
  }

  @Test
  void aQueryWithNoSeriesIsAFailureNotAPass() {
    world.withPrometheus(PROMETHEUS);

    RunbookResult result = resultOf(startRun("metrics"));

    assertEquals(StepStatus.FAILED, step(result, "3").status());
    assertTrue(step(result, "3").summary().endsWith("has no value (no series matched): nothing to judge"),
        step(result, "3").summary());
  }

  @Test
  void aNoteIsRecordedAsEvidenceAndBadNotesAreRefusedNamingTheField() throws Exception {
    world.documents.put("handoff", HANDOFF.replace("TIMEOUT", "fail"));
    RunbookWorkflow run = startRun("handoff");
    world.awaitNotice();

    WorkflowUpdateException noAuthor = assertThrows(WorkflowUpdateException.class,
        () -> run.note(new StepNote("", "took over")));
    assertTrue(noAuthor.getCause().getMessage().contains("author"), noAuthor.getCause().getMessage());
    WorkflowUpdateException noText = assertThrows(WorkflowUpdateException.class,
        () -> run.note(new StepNote("Dana", " ")));
    assertTrue(noText.getCause().getMessage().contains("text is required"), noText.getCause().getMessage());
    String answer = run.note(new StepNote("Dana", "read Sam's notes; incident-sandbox-disk-space is mine now"));

    assertEquals("note recorded from Dana: read Sam's notes; incident-sandbox-disk-space is mine now", answer);
    RunbookResult result = resultOf(run);
    assertEquals("every step passed", result.message());
    assertEquals("note from Dana: read Sam's notes; incident-sandbox-disk-space is mine now", detailed(run, "4").summary());
    assertTrue(run.report().contains("incident-sandbox-disk-space is mine now"), run.report());
    assertTrue(world.journal().contains("notify info: Runbook handoff on sandbox: note needed for 4 Read handoff notes"),
        world.journal().toString());
  }

  @Test
  void noNoteInTimeFailsTheStepWhenOnTimeoutIsFail() {
    world.documents.put("handoff", HANDOFF.replace("TIMEOUT", "fail"));

    RunbookResult result = resultOf(startRun("handoff"));

    assertEquals(StepStatus.FAILED, step(result, "4").status());
    assertEquals("no note within 2h (onTimeout: fail)", step(result, "4").summary());
    assertTrue(result.message().startsWith("finished; these steps failed"), result.message());
  }

  @Test
  void noNoteInTimeIsNotCheckedWhenOnTimeoutIsSkip() {
    world.documents.put("handoff", HANDOFF.replace("TIMEOUT", "skip"));

    RunbookResult result = resultOf(startRun("handoff"));

    assertEquals(StepStatus.SKIPPED, step(result, "4").status());
    assertEquals("not checked: no note within 2h (onTimeout: skip)", step(result, "4").summary());
    assertEquals("every step checked passed; not checked: 4 Read handoff notes (no note within 2h)", result.message());
  }

  @Test
  void aNoteOutsideANoteStepIsRefused() {
    RunbookWorkflow run = startRun("history");
    resultOf(run);
    assertThrows(RuntimeException.class, () -> run.note(new StepNote("Dana", "late")));
  }
}
