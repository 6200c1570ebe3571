package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.testing.RunbookTestbed.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs typed into the Web UI (Start Workflow, Send an Update, Send a Signal) or given to
 * {@code temporal workflow start --input}: one that does not fit closes the run at once as failed,
 * with a message naming the field and what is accepted, before anything runs on a host; a
 * malformed update is rejected with that message and the run goes on; an abort is never dropped.
 */
class MalformedInputTest {

  /** Bounds the wait for a run that, without the input guard, would retry its first task for ever. */
  static final long CLOSES_WITHIN_SECONDS = 30;
  static final String ACCEPTED = "accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize, maxFailures, pause";
  static final String EXAMPLE = "{\"environment\":\"production\",\"version\":\"v2.5.0\"}";

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"dryrun\":true}"
          + "| unknown field 'dryrun'; did you mean 'dryRun'? " + ACCEPTED,
      "{\"versoin\":\"v2.5.0\",\"environment\":\"sandbox\"}"
          + "| unknown field 'versoin'; did you mean 'version'? " + ACCEPTED,
      "{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"emergency\":\"yes\"}"
          + "| field 'emergency': \"yes\" is not a boolean (true or false)",
      "{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"watch\":\"30 minutes\"}"
          + "| watch \"30 minutes\" is not " + WatchDuration.ACCEPTED,
      "[]                | the input must be one JSON object like " + EXAMPLE + ", got an array",
      "\"sandbox\"       | the input must be one JSON object like " + EXAMPLE + ", got a string (\"sandbox\")",
  })
  void deploymentWithAnInputThatDoesNotFitFailsAtOnceWithoutTouchingAHost(String input, String problem) {
    WorkflowStub run = testbed.startWithJson(DeploymentWorkflow.TYPE, RunbookTestbed.DEPLOYMENT_ID, input);

    ApplicationFailure failure = invalidInputOf(run);

    assertEquals("deployment request is invalid: " + problem, failure.getOriginalMessage());
    assertEquals(List.of(), hosts.calls());
    assertNoActivityScheduled(RunbookTestbed.DEPLOYMENT_ID);
  }

  @Test
  void rollbackWithATypoFailsAtOnceNamingTheField() {
    WorkflowStub run = testbed.startWithJson(RollbackWorkflow.TYPE, RunbookTestbed.ROLLBACK_ID,
        "{\"environment\":\"sandbox\",\"reasn\":\"error rate 7%\"}");

    ApplicationFailure failure = invalidInputOf(run);

    assertEquals("rollback request is invalid: unknown field 'reasn'; did you mean 'reason'? accepted fields:"
        + " environment, reason, toVersion, requestedBy", failure.getOriginalMessage());
    assertEquals(List.of(), hosts.calls());
    assertNoActivityScheduled(RunbookTestbed.ROLLBACK_ID);
  }

  @Test
  void malformedApprovalIsRejectedWithTheFieldAndTheRunStillWaitsForAValidOne() {
    testbed.startingAt(EmergencyDeploymentTest.WEDNESDAY_MORNING);
    Checkpoint asked = hosts.watchFor("notify warning: Deployment v2.5.0 to sandbox waits for an emergency approval");
    DeploymentWorkflow run = testbed.startDeployment(EmergencyDeploymentTest.EMERGENCY);
    asked.awaitReached();
    WorkflowStub stub = WorkflowStub.fromTyped(run);

    WorkflowUpdateException typo = assertThrows(WorkflowUpdateException.class, () -> stub.update("approveEmergency",
        String.class, json("{\"approvr\":\"Dana Manager\",\"reason\":\"CVE fix\"}")));
    WorkflowUpdateException shape = assertThrows(WorkflowUpdateException.class,
        () -> stub.update("approveEmergency", String.class, json("\"Dana Manager\"")));

    assertEquals("emergency approval is invalid: unknown field 'approvr'; did you mean 'approver'? accepted fields:"
        + " approver, reason", assertInstanceOf(ApplicationFailure.class, typo.getCause()).getOriginalMessage());
    assertEquals("emergency approval is invalid: the input must be one JSON object like"
        + " {\"approver\":\"Dana\",\"reason\":\"CVE fix\"}, got a string (\"Dana Manager\")",
        assertInstanceOf(ApplicationFailure.class, shape.getCause()).getOriginalMessage());
    assertEquals(DeploymentWindowCheck.WAITING_FOR, run.progress().waitingFor(), "still waiting for a valid approval");

    stub.update("approveEmergency", String.class, json("{\"approver\":\"Dana Manager\",\"reason\":\"CVE fix\"}"));
    assertEquals(Outcome.SUCCEEDED, testbed.resultOf(run).outcome());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"reason\":\"wrong release\"}  | wrong release",
      "\"wrong release\"               | wrong release",
      "{\"why\":\"wrong release\"}     | {\"why\":\"wrong release\"}",
  })
  void abortSignalOfAnyShapeAbortsAndRecordsItsReason(String payload, String reason) {
    Checkpoint copying = hosts.pauseAt("copyRelease api-2");
    DeploymentWorkflow run = testbed.startDeployment(DeploymentWorkflowTest.V2_5_0);
    copying.awaitReached();

    WorkflowStub.fromTyped(run).signal("abort", json(payload));
    DeploymentResult result = testbed.resultOf(run);

    assertEquals(Outcome.CANCELLED, result.outcome(), result.message());
    assertTrue(result.message().startsWith("aborted by an operator: " + reason + " during Step 3: Deploy New Version"),
        result.message());
  }

  /** The run's failure, once it has closed: a non-retryable InvalidInput failure. */
  private static ApplicationFailure invalidInputOf(WorkflowStub run) {
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
        () -> run.getResult(CLOSES_WITHIN_SECONDS, TimeUnit.SECONDS, Object.class));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals("InvalidInput", failure.getType());
    assertTrue(failure.isNonRetryable());
    return failure;
  }

  private void assertNoActivityScheduled(String workflowId) {
    List<EventType> events = testbed.client().fetchHistory(workflowId).getEvents().stream()
        .map(e -> e.getEventType()).toList();
    assertTrue(events.contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED), events.toString());
    assertTrue(events.stream().noneMatch(e -> e == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED), events.toString());
  }
}
