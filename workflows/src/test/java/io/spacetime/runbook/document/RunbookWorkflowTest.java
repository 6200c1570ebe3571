package io.spacetime.runbook.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interpreter with its activities faked at their interfaces: steps in order, undo in reverse
 * on a failed check, each onFailure, the approve step approved, rejected and timing out (in skipped
 * time), and bad input failing the run at once.
 */
class RunbookWorkflowTest {

  static final String QUEUE = "runbooks";

  static final String MARKER = """
      name: marker
      description: writes two markers and checks what the hosts say
      parameters:
        reason:
          type: string
          pattern: "[a-z ]{1,30}"
      steps:
        - id: "1"
          title: Write marker a
          run: {command: "echo {reason} > a"}
          undo: {command: "rm -f a"}
        - id: "2"
          title: Write marker b
          run: {command: "echo {reason} > b", parallel: true}
          undo: {command: "rm -f b"}
        - id: "3"
          title: Read the markers
          run: {command: "cat a b", acceptAnyExit: true}
        - id: "4"
          title: Markers say ok
          check: {of: "3", exitCode: 0, outputMatches: "^ok$"}
      """;

  /** One test server for the class (each test's runs have ids of their own): starting one per test costs 2 s each. */
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
    world.documents.put("marker", MARKER);
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  RunbookWorkflow startRun(String runbook, Map<String, String> parameters) {
    RunbookWorkflow run = env.getWorkflowClient().newWorkflowStub(RunbookWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("runbook-" + runbook + "-test-" + ++runs).build());
    WorkflowClient.start(run::run, new RunbookRequest(runbook, "sandbox", parameters));
    return run;
  }

  RunbookResult run(String runbook, Map<String, String> parameters) {
    RunbookWorkflow run = startRun(runbook, parameters);
    return io.temporal.client.WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
  }

  @Test
  void everyStepPassesInOrder() {
    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(List.of("run api-1: echo {reason} > a", "run api-2: echo {reason} > a"), world.journal().subList(0, 2));
    assertEquals(List.of("Load runbook document", "Load environment", "1 Write marker a", "2 Write marker b",
        "3 Read the markers", "4 Markers say ok"), result.steps().stream().map(StepResult::label).toList());
    assertEquals("0123456789abcdef0123", result.documentSha256());
  }

  @Test
  void aFailedCheckUndoesEveryChangeInReverse() {
    world.commands = (host, command) -> DocumentWorld.answer(host, command, 0, command.startsWith("cat") ? "not ok" : "");

    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.message().startsWith("stopped at 4 Markers say ok: output on api-1 has no match of /^ok$/"),
        result.message());
    List<String> undos = world.journal().stream().filter(l -> l.contains("rm -f")).toList();
    assertEquals(List.of("run api-2: rm -f b", "run api-1: rm -f b", "run api-2: rm -f a", "run api-1: rm -f a"), undos);
    assertEquals(4, result.steps().stream().filter(s -> s.status() == StepStatus.COMPENSATED).count());
  }

  @Test
  void aFailedUndoMakesTheRunRollbackFailed() {
    world.commands = (host, command) -> DocumentWorld.answer(host, command,
        command.equals("rm -f a") && host.equals("api-1") ? 1 : 0, command.startsWith("cat") ? "not ok" : "");

    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.ROLLBACK_FAILED, result.outcome(), result.message());
    assertTrue(result.message().contains("Rollback: Write marker a [api-1]: exit 1 on api-1"), result.message());
  }

  @Test
  void onFailureAbortStopsAndLeavesTheChanges() {
    world.documents.put("marker", MARKER + "    onFailure: abort\n");
    world.commands = (host, command) -> DocumentWorld.answer(host, command, 0, command.startsWith("cat") ? "not ok" : "");

    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().endsWith("onFailure is abort: the changes of earlier steps are left in place"),
        result.message());
    assertTrue(world.journal().stream().noneMatch(l -> l.contains("rm -f")), world.journal().toString());
  }

  @Test
  void onFailureContinueRecordsTheFailureAndGoesOn() {
    world.documents.put("marker", MARKER + "    onFailure: continue\n"
        + "  - {id: \"5\", title: After, run: {command: \"echo after\"}}\n");
    world.commands = (host, command) -> DocumentWorld.answer(host, command, 0, command.startsWith("cat") ? "not ok" : "");

    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertTrue(result.message().contains("these steps failed and their onFailure let the run go on: 4 Markers say ok"),
        result.message());
    assertTrue(world.journal().contains("run api-2: echo after"), world.journal().toString());
  }

  @Test
  void aFailedCommandFailsItsStepUnlessItAcceptsAnyExit() {
    world.commands = (host, command) -> DocumentWorld.answer(host, command, command.contains("> b") ? 2 : 0, "");

    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.message().startsWith("stopped at 2 Write marker b: exit 2 on api-1; exit 2 on api-2"),
        result.message());
  }

  static final String APPROVAL = """
      name: approval
      description: a change that waits for a person
      steps:
        - id: "1"
          title: Change
          run: {command: "touch x"}
          undo: {command: "rm -f x"}
        - id: "2"
          title: Approve the change
          approve: {prompt: keep the change, timeout: 30m, onTimeout: TIMEOUT}
        - id: "3"
          title: After
          run: {command: "echo done"}
      """;

  @Test
  void anApprovedStepGoesOn() throws Exception {
    world.documents.put("approval", APPROVAL.replace("TIMEOUT", "reject"));
    RunbookWorkflow run = startRun("approval", Map.of());
    world.awaitNotice();

    WorkflowUpdateException refused = assertThrows(WorkflowUpdateException.class,
        () -> run.approve(new StepApproval("yes", "", "")));
    assertTrue(refused.getCause().getMessage().contains("decision \"yes\" is not \"approve\" or \"reject\""),
        refused.getCause().getMessage());
    String answer = run.approve(new StepApproval("approve", "Dana", "window agreed"));

    assertEquals("approve decided by Dana: window agreed", answer);
    RunbookResult result = io.temporal.client.WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertTrue(world.journal().contains("run api-1: echo done"));
    assertTrue(world.journal().contains("notify warning: Runbook approval on sandbox: approval needed for 2 Approve the change"),
        world.journal().toString());
  }

  @Test
  void aRejectedStepRollsBack() throws Exception {
    world.documents.put("approval", APPROVAL.replace("TIMEOUT", "approve"));
    RunbookWorkflow run = startRun("approval", Map.of());
    world.awaitNotice();

    run.approve(new StepApproval("reject", "Dana", "not today"));

    RunbookResult result = io.temporal.client.WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.message().startsWith("stopped at 2 Approve the change: rejected by Dana: not today"), result.message());
    assertTrue(world.journal().contains("run api-1: rm -f x"));
  }

  @Test
  void noAnswerInTimeIsARejectionWhenOnTimeoutSaysSo() {
    world.documents.put("approval", APPROVAL.replace("TIMEOUT", "reject"));

    RunbookResult result = run("approval", Map.of());

    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(result.message().startsWith("stopped at 2 Approve the change: no answer within 30m: rejected by its"
        + " onTimeout"), result.message());
    StepResult approval = result.steps().stream().filter(s -> s.id().equals("2")).findFirst().orElseThrow();
    assertTrue(approval.finishedAt() - approval.startedAt() >= Duration.ofMinutes(30).toMillis(), approval.toString());
  }

  @Test
  void noAnswerInTimeIsAnApprovalWhenOnTimeoutSaysSo() {
    world.documents.put("approval", APPROVAL.replace("TIMEOUT", "approve"));

    RunbookResult result = run("approval", Map.of());

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertTrue(world.journal().contains("run api-1: echo done"));
  }

  @Test
  void anApprovalOutsideAnApproveStepIsRefused() {
    world.documents.put("approval", APPROVAL.replace("TIMEOUT", "reject"));
    RunbookWorkflow run = startRun("approval", Map.of());
    io.temporal.client.WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
    // A finished run takes no update at all; the validator's own refusal is for a run between steps.
    assertThrows(RuntimeException.class, () -> run.approve(new StepApproval("approve", "Dana", "late")));
  }

  @Test
  void anHttpStepJudgesStatusAndJsonField() {
    world.documents.put("probe", """
        name: probe
        description: asks each host whether it is ready
        steps:
          - id: "1"
            title: Ready
            http: {url: "{statusUrl}", on: all, expectStatus: 200, expectJson: {pointer: /ready, equals: "true"}}
        """);
    assertEquals(Outcome.SUCCEEDED, run("probe", Map.of()).outcome());

    world.httpAnswer = new io.spacetime.runbook.ports.probes.HttpExchange("GET", "", 200, "{\"ready\":false}", "", 5);
    RunbookResult result = run("probe", Map.of());
    assertEquals(Outcome.ABORTED, result.outcome());
    assertTrue(result.message().contains("/ready = false, expected true"), result.message());
  }

  @Test
  void aValueOutsideItsAllowListFailsTheRunAtOnce() {
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
        () -> run("marker", Map.of("reason", "x; rm -rf /")));
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertEquals(InvalidInputException.TYPE, cause.getType());
    assertEquals("runbook marker's parameters is invalid: parameters.reason \"x; rm -rf /\" is not a value matching"
        + " [a-z ]{1,30}", cause.getOriginalMessage());
    assertTrue(world.journal().isEmpty(), "nothing ran: " + world.journal());
  }

  @Test
  void aMissingOrUnknownParameterFailsTheRunAtOnce() {
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
        () -> run("marker", Map.of("reasn", "typo")));
    assertEquals("runbook marker's parameters is invalid: parameters.reasn is not a parameter of marker (it takes:"
        + " reason); parameters.reason is required (a value matching [a-z ]{1,30})",
        ((ApplicationFailure) failed.getCause()).getOriginalMessage());
  }

  @Test
  void anUnknownDocumentFailsTheRunAtOnce() {
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> run("nope", Map.of()));
    assertEquals("no runbook document nope.yaml", ((ApplicationFailure) failed.getCause()).getOriginalMessage());
  }

  @Test
  void aMalformedRequestFailsTheRunAtOnce() {
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> run("Bad Name", Map.of()));
    assertEquals("runbook request is invalid: runbook \"Bad Name\" is not a document name (lower-case letters, digits"
        + " and dashes, starting with a letter, e.g. \"daily-health-check\")",
        ((ApplicationFailure) failed.getCause()).getOriginalMessage());
  }

  @Test
  void anIncidentStepOpensTheIncidentOfItsType() {
    world.documents.put("report", """
        name: report
        description: reports a disk problem
        parameters:
          where: {type: string, pattern: "[a-z/]{1,20}"}
        steps:
          - id: "1"
            title: Report
            incident: {type: disk-space, summary: "disk full under {where}", severity: P2}
        """);
    RunbookResult result = run("report", Map.of("where", "/opt"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertEquals(List.of("incident disk-space on sandbox: disk full under /opt"), world.journal());
  }

  @Test
  void aFailedCheckWithOnFailureIncidentOpensItAndGoesOn() {
    world.documents.put("marker", MARKER + "    onFailure: incident\n    incidentType: disk-space\n"
        + "  - {id: \"5\", title: After, run: {command: \"echo after\"}}\n");
    world.commands = (host, command) -> DocumentWorld.answer(host, command, 0, command.startsWith("cat") ? "not ok" : "");

    RunbookResult result = run("marker", Map.of("reason", "disk swap"));

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    assertTrue(world.journal().contains("incident disk-space on sandbox: 4 Markers say ok: output on api-1 has no match"
        + " of /^ok$/; output on api-2 has no match of /^ok$/"), world.journal().toString());
    assertTrue(result.message().contains("(incident incident-sandbox-disk-space)"), result.message());
    assertTrue(world.journal().contains("run api-2: echo after"));
    assertTrue(result.steps().stream().anyMatch(s -> s.label().equals("4 Incident for Markers say ok")));
  }
}
