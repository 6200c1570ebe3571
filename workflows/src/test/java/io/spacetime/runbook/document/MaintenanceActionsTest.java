package io.spacetime.runbook.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The actions the backup and maintenance documents brought (elapsed, wait until, http retryFor, a
 * step's alert and incidentType on a stopping step), with the activities faked at their interfaces
 * and time skipped.
 */
class MaintenanceActionsTest {

  static final String QUEUE = "runbook-operations";

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
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  /** A finished run: its result, and its full report (the result's report lists the failed steps only). */
  record Ran(RunbookResult result, String report) {}

  Ran run(String document, Map<String, String> parameters) {
    RunbookWorkflow run = env.getWorkflowClient().newWorkflowStub(RunbookWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("runbook-ops-test-" + ++runs).build());
    WorkflowClient.start(run::run, new RunbookRequest(document, "sandbox", parameters));
    RunbookResult result = WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
    return new Ran(result, run.report());
  }

  static final String RECOVERY = """
      name: recovery
      description: restores, waits as long as the restore takes, and gates the recovery time
      steps:
        - {id: Restore, title: Restore, run: {command: "true"}}
        - {id: Takes, title: The restore takes ten minutes, wait: {duration: 10m}}
        - {id: RTO, title: Within the objective, elapsed: {since: Restore, maxSeconds: 900}}
        - {id: Too tight, title: Within five minutes of the restore, elapsed: {since: Restore, maxSeconds: 300}}
      """;

  @Test
  void anElapsedStepGatesTheSecondsSinceAnEarlierStepBegan() {
    world.documents.put("recovery", RECOVERY);

    Ran ran = run("recovery", Map.of());

    assertEquals(Outcome.ABORTED, ran.result().outcome(), ran.result().message());
    assertTrue(ran.report().contains("600 s since step Restore began <= 900 s allowed"), ran.report());
    assertTrue(ran.result().message().contains("600 s since step Restore began > 300 s allowed"), ran.result().message());
  }

  static final String WINDOW = """
      name: window
      description: a notice a day before the window, then the window
      parameters:
        startAt: {type: string, pattern: "[0-9TZ:-]{20}"}
      steps:
        - {id: T-24h, title: A day before, wait: {until: "{startAt}", before: 24h}}
        - {id: Notice, title: Notify team, notify: {title: "Maintenance at {startAt}"}}
        - {id: T-0, title: The window starts, wait: {until: "{startAt}"}}
      """;

  @Test
  void aWaitUntilEndsBeforeTheInstantAndAPastInstantWaitsNotAtAll() {
    world.documents.put("window", WINDOW);

    // The test server's clock, however far earlier tests have skipped it.
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
    Instant startAt = now.plus(2, ChronoUnit.DAYS);
    Instant pastStart = now.minus(1, ChronoUnit.DAYS);
    Ran ahead = run("window", Map.of("startAt", startAt.toString()));
    Ran past = run("window", Map.of("startAt", pastStart.toString()));

    assertEquals(Outcome.SUCCEEDED, ahead.result().outcome(), ahead.result().message());
    assertTrue(ahead.report().contains("waited until " + startAt.minus(24, ChronoUnit.HOURS) + " (24h before " + startAt
        + ")"), ahead.report());
    assertTrue(ahead.report().contains("waited until " + startAt + " |"), ahead.report());
    assertEquals(Outcome.SUCCEEDED, past.result().outcome(), past.result().message());
    assertTrue(past.report().contains("no wait: " + pastStart.minus(24, ChronoUnit.HOURS) + " has passed"), past.report());
    assertTrue(world.journal().contains("notify info: Maintenance at " + startAt), world.journal().toString());
  }

  @Test
  void anInstantThatIsNotOneFailsTheStepNamingTheField() {
    world.documents.put("window", WINDOW);

    RunbookResult result = run("window", Map.of("startAt", "2025-13-99T99:99:99Z")).result();

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().contains("wait.until \"2025-13-99T99:99:99Z\" is not an instant like"), result.message());
  }

  @Test
  void anHttpStepWithRetryForAsksAgainUntilTheServiceIsReady() {
    world.documents.put("ready", """
        name: ready
        description: waits for a started service
        steps:
          - {id: Health, title: Ready, http: {url: "https://api.example.com/status", retryFor: 60s}}
        """);
    world.httpFirstAnswers.add(new HttpExchange("GET", "", 0, "", "connection refused", 1));
    world.httpFirstAnswers.add(new HttpExchange("GET", "", 503, "", "", 1));

    Ran ran = run("ready", Map.of());

    assertEquals(Outcome.SUCCEEDED, ran.result().outcome(), ran.result().message());
    assertEquals(3, world.journal().stream().filter(l -> l.startsWith("http GET")).count());
    assertTrue(ran.report().contains("(attempt 3 within retryFor 60s)"), ran.report());
  }

  @Test
  void anHttpStepWithRetryForFailsOnceTheTimeIsUp() {
    world.documents.put("ready", """
        name: ready
        description: waits for a started service
        steps:
          - {id: Health, title: Ready, http: {url: "https://api.example.com/status", retryFor: 5s}}
        """);
    world.httpAnswer = new HttpExchange("GET", "", 503, "", "", 1);

    RunbookResult result = run("ready", Map.of()).result();

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().contains("HTTP 503, expected 200 (attempt 6 within retryFor 5s)"), result.message());
  }

  @Test
  void aStoppingStepsAlertAndIncidentAreRaisedBeforeTheRunStops() {
    world.documents.put("backup", """
        name: backup
        description: a backup that fails
        steps:
          - {id: Mark, title: Mark, run: {command: "touch m"}, undo: {command: "rm -f m"}}
          - id: "3.1"
            title: Current State Backup
            run: {command: "tar -czf x.tar.gz production/"}
            alert: BACKUP_FAILED
            incidentType: disk-space
          - {id: After, title: After, run: {command: "echo after"}}
        """);
    world.commands = (host, command) -> DocumentWorld.answer(host, command, command.startsWith("tar") ? 2 : 0, "");

    RunbookResult result = run("backup", Map.of()).result();

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    List<String> journal = world.journal();
    int alert = journal.indexOf("notify critical: BACKUP_FAILED: runbook backup on sandbox: Current State Backup");
    int incident = indexOfStart(journal, "incident disk-space on sandbox: 3.1 Current State Backup: exit 2 on api-1");
    int undo = journal.indexOf("run api-1: rm -f m");
    assertTrue(alert >= 0 && incident > alert && undo > incident, journal.toString());
    assertTrue(journal.stream().noneMatch(l -> l.contains("echo after")), journal.toString());
    assertTrue(result.message().contains("(alert BACKUP_FAILED sent, incident incident-sandbox-disk-space)"),
        result.message());
    assertTrue(result.steps().stream().anyMatch(s -> s.label().equals("3.1 Alert BACKUP_FAILED for Current State Backup")
        && s.status() == StepStatus.PASSED), result.report());
  }

  private static int indexOfStart(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }
}
