package io.spacetime.runbook.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the interpreter's histories the replay test replays (change id {@value DocumentRun#INTERPRETER_CHANGE},
 * version 1): a document rolled back by a failed check, one approved by a person, and one with the
 * operations actions (incidents, prometheus over its max opening an incident, a note answered).
 *
 * <pre>mvn -pl workflows test -Dtest=DocumentHistoryRecording -Drunbook.recordHistories=true</pre>
 */
@EnabledIfSystemProperty(named = "runbook.recordHistories", matches = "true")
class DocumentHistoryRecording {

  static final Path DIR = Path.of("src/test/resources/histories");
  static final String VERSION = "v1";

  final DocumentWorld world = new DocumentWorld();
  TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance(RunbookTestbed.environmentOptions(RunbookTestbed.plainConverter())
        .setInitialTime(RunbookTestbed.TUESDAY_MORNING).build());
    Worker worker = env.newWorker(RunbookWorkflowTest.QUEUE);
    worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
    worker.registerActivitiesImplementations(world);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  RunbookWorkflow start(String runbook, Map<String, String> parameters) {
    RunbookWorkflow run = env.getWorkflowClient().newWorkflowStub(RunbookWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(RunbookWorkflowTest.QUEUE).setWorkflowId("runbook-" + runbook).build());
    WorkflowClient.start(run::run, new RunbookRequest(runbook, "sandbox", parameters));
    return run;
  }

  @Test
  void documentRolledBackByAFailedCheck() throws Exception {
    world.documents.put("marker", RunbookWorkflowTest.MARKER);
    world.commands = (host, command) -> DocumentWorld.answer(host, command, 0, command.startsWith("cat") ? "not ok" : "");
    RunbookWorkflow run = start("marker", Map.of("reason", "disk swap"));
    assertEquals(Outcome.ROLLED_BACK, WorkflowStub.fromTyped(run).getResult(RunbookResult.class).outcome());
    save("runbook-document-rolled-back", "runbook-marker");
  }

  @Test
  void documentApprovedByAPerson() throws Exception {
    world.documents.put("approval", RunbookWorkflowTest.APPROVAL.replace("TIMEOUT", "reject"));
    RunbookWorkflow run = start("approval", Map.of());
    world.awaitNotice();
    run.approve(new StepApproval("approve", "Dana", "window agreed"));
    assertEquals(Outcome.SUCCEEDED, WorkflowStub.fromTyped(run).getResult(RunbookResult.class).outcome());
    save("runbook-document-approved", "runbook-approval");
  }

  @Test
  void documentWithTheOperationsActions() throws Exception {
    world.documents.put("operations", """
        name: operations
        description: the operations documents' actions, each once
        steps:
          - {id: "1", title: Open incidents, incidents: {openedWithin: 24h, stillOpen: true, max: 0}, onFailure: continue}
          - id: "3"
            title: Error rate
            prometheus: {metric: errorRate, max: 0.01}
            onFailure: incident
            incidentType: high-error-rate
          - {id: "4", title: Handoff, note: {timeout: 2h}}
        """);
    world.withPrometheus(OperationsActionsTest.PROMETHEUS);
    world.metricValue = 0.05;
    world.incidents = java.util.List.of(new io.spacetime.runbook.ports.incident.IncidentSummary(
        "incident-sandbox-disk-space", "disk-space", "sandbox", "P2", "Open", "", 1764660600000L, ""));
    RunbookWorkflow run = start("operations", Map.of());
    world.awaitNotice();
    run.note(new StepNote("Dana", "read Sam's handoff"));
    assertEquals(Outcome.SUCCEEDED, WorkflowStub.fromTyped(run).getResult(RunbookResult.class).outcome());
    save("runbook-document-operations-actions", "runbook-operations");
  }

  private void save(String name, String workflowId) throws Exception {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name + "-" + VERSION + ".json"),
        env.getWorkflowClient().fetchHistory(workflowId).toJson(true));
  }
}
