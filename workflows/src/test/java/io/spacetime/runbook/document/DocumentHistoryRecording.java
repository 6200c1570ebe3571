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
 * version 1): a document rolled back by a failed check, and one approved by a person.
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

  private void save(String name, String workflowId) throws Exception {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name + "-" + VERSION + ".json"),
        env.getWorkflowClient().fetchHistory(workflowId).toJson(true));
  }
}
