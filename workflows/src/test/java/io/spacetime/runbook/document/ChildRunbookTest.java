package io.spacetime.runbook.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A document's {@code runbook} step: a real DeploymentWorkflow (and a document) as its child, on
 * the deployment tests' fake hosts. The step passes when the child succeeded, fails with the
 * child's outcome otherwise, and the child's steps are in the parent's report.
 */
class ChildRunbookTest {

  static final String DEPLOY = """
      name: deploy-then-check
      description: deploys a release as a child, then says so
      parameters:
        version: {type: string, pattern: "v[0-9.]{1,20}"}
      steps:
        - id: "1"
          title: Deploy the release
          runbook: {deployment: {version: "{version}", watch: "off"}}
        - id: "2"
          title: Deployed
          runbook: {document: {name: say, parameters: {text: "deployed {version}"}}}
      """;

  static final String SAY = """
      name: say
      description: tells the team
      parameters:
        text: {type: string, pattern: "[a-z0-9. ]{1,40}"}
      steps:
        - id: "1"
          title: Tell
          notify: {title: "{text}"}
      """;

  /** Only the document loader: every other activity is the deployment tests' fake world. */
  static final class Documents implements DocumentActivities {
    final Map<String, String> texts = Map.of("deploy-then-check", DEPLOY, "say", SAY);

    @Override
    public LoadedDocument loadDocument(String name) {
      try {
        return new LoadedDocument("runbooks/" + name + ".yaml", "00112233445566778899", texts.get(name),
            DocumentWorld.YAML.readValue(texts.get(name), RunbookDocument.class));
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance(RunbookTestbed.environmentOptions(RunbookTestbed.plainConverter())
        .setInitialTime(RunbookTestbed.TUESDAY_MORNING).build());
    Worker worker = env.newWorker(RunbookTestbed.TASK_QUEUE);
    RunbookTestbed.registerWorkflows(worker);
    worker.registerActivitiesImplementations(hosts, new Documents());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  RunbookResult run(String version) {
    RunbookWorkflow run = env.getWorkflowClient().newWorkflowStub(RunbookWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(RunbookTestbed.TASK_QUEUE).setWorkflowId("runbook-deploy-then-check").build());
    WorkflowClient.start(run::run, new RunbookRequest("deploy-then-check", "sandbox", Map.of("version", version)));
    return WorkflowStub.fromTyped(run).getResult(RunbookResult.class);
  }

  @Test
  void aChildDeploymentAndAChildDocumentRunInOrder() {
    RunbookResult result = run("v2.5.0");

    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
    List<String> labels = result.steps().stream().map(StepResult::label).toList();
    assertTrue(labels.indexOf("1 Deploy the release") > labels.indexOf("Step 10: Disable Maintenance Mode"),
        labels.toString());
    assertTrue(hosts.changes().stream().anyMatch(c -> c.contains("api-2") && c.contains("v2.5.0")), hosts.changes().toString());
  }

  @Test
  void aChildThatRolledBackFailsTheStep() {
    hosts.host("api-2").release("v2.5.0").sceneLoadStatus = 500;

    RunbookResult result = run("v2.5.0");

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().startsWith("stopped at 1 Deploy the release: runbook-deploy-then-check/1 ROLLED_BACK: "),
        result.message());
  }

  @Test
  void aChildWhoseInputItRefusesFailsTheStepWithItsReason() {
    RunbookResult result = run("v2");

    assertEquals(Outcome.ABORTED, result.outcome(), result.message());
    assertTrue(result.message().startsWith("stopped at 1 Deploy the release: deployment request is invalid: version"
        + " \"v2\" is not a release version"), result.message());
  }
}
