package io.spacetime.runbook.starter.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.HostDeploymentWorkflow;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResumePlannerTest {

  private static final long BEGAN_UNDO = 1_764_670_000_123L;
  private static final long BEGAN_CHECK = 1_764_670_000_456L;

  /** A closed run's history: three workflow tasks, one of which timed out and was retried. */
  private final History history = new History()
      .task(1_764_669_999_000L, true)
      .task(BEGAN_CHECK - 7, false) // timed out: its retry below is the task the code ran in
      .task(BEGAN_CHECK, true)
      .task(BEGAN_UNDO, true);

  @Test
  void aFailedRollbackGoesOnFromTheWorkflowTaskThatBeganItsFirstFailedUndo() {
    List<StepResult> steps = List.of(
        step("5", "Step 5: Deploy New Version", StepStatus.COMPENSATED, BEGAN_CHECK),
        step("4", "Rollback: start production-v2.5.0 and verify health", StepStatus.COMPENSATION_FAILED, BEGAN_UNDO),
        step("3", "Rollback: restore config", StepStatus.COMPENSATION_FAILED, BEGAN_UNDO + 900));

    ResumePoint point = plan(DeploymentWorkflow.TYPE, Outcome.ROLLBACK_FAILED, steps);

    assertThat(point.workflowTaskCompletedEventId()).isEqualTo(history.completedAfterStartAt(BEGAN_UNDO));
    assertThat(point.step().title()).isEqualTo("Rollback: start production-v2.5.0 and verify health");
    assertThat(point.whatRunsAgain()).isEqualTo(
        "the failed undo Rollback: start production-v2.5.0 and verify health [host-1], then every undo after it");
  }

  @Test
  void anAbortedRunGoesOnFromItsFailedCheckNotFromATaskThatTimedOut() {
    List<StepResult> steps = List.of(step("1.1", "Step 1.1: Pre-Deployment Checks", StepStatus.FAILED, BEGAN_CHECK));

    ResumePoint point = plan(RollbackWorkflow.TYPE, Outcome.ABORTED, steps);

    assertThat(point.workflowTaskCompletedEventId()).isEqualTo(history.completedAfterStartAt(BEGAN_CHECK));
    assertThat(point.whatRunsAgain()).startsWith("the failed step Step 1.1: Pre-Deployment Checks [host-1]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ROLLED_BACK        | rolled back cleanly: every change was undone and verified",
      "CANCELLED          | was cancelled by an operator",
      "SUCCEEDED          | succeeded: nothing to resume",
      "PARTIALLY_DEPLOYED | finished on part of the fleet"})
  void runsWhoseHostsNoLongerLookLikeTheirHistoryAreRefused(Outcome outcome, String why) {
    assertThatThrownBy(() -> plan(DeploymentWorkflow.TYPE, outcome, List.of()))
        .isInstanceOf(NotResumableException.class).hasMessageContaining(why);
  }

  @Test
  void anAbortedRunThatUndidChangesIsRefused() {
    List<StepResult> steps = List.of(step("5", "Rollback: x", StepStatus.COMPENSATED, BEGAN_CHECK),
        step("7", "Step 7", StepStatus.FAILED, BEGAN_UNDO));

    assertThatThrownBy(() -> plan(DeploymentWorkflow.TYPE, Outcome.ABORTED, steps))
        .hasMessageContaining("ABORTED but undid changes; start a new run");
  }

  @Test
  void anUndoThatFailedInAHostsOwnWorkflowIsNotResumedFromTheDeployment() {
    List<StepResult> steps = List.of(step("4", "Rollback: start v2.5.0", StepStatus.COMPENSATION_FAILED, 42L));

    assertThatThrownBy(() -> plan(DeploymentWorkflow.TYPE, Outcome.ROLLBACK_FAILED, steps))
        .hasMessageContaining("ran inside a host's own workflow (deploy-x/host-1...)")
        .hasMessageContaining("./runbook rollback --env production");
  }

  @Test
  void aHostsChildWorkflowAndAnIncidentAreRefused() {
    assertThatThrownBy(() -> plan(HostDeploymentWorkflow.TYPE, Outcome.ROLLBACK_FAILED, List.of()))
        .hasMessageContaining("one host's part of a rollout");
    assertThatThrownBy(() -> plan("IncidentWorkflow", Outcome.ROLLBACK_FAILED, List.of()))
        .hasMessageContaining("only deployments and emergency rollbacks are resumed");
  }

  @Test
  void aFailedRunWhoseResultNamesNoFailedUndoIsRefused() {
    assertThatThrownBy(() -> plan(DeploymentWorkflow.TYPE, Outcome.ROLLBACK_FAILED, List.of()))
        .hasMessageContaining("names no failed undo");
  }

  private ResumePoint plan(String type, Outcome outcome, List<StepResult> steps) {
    return ResumePlanner.plan("deploy-x", "run-1", type, "production", outcome, steps, history.events);
  }

  private static StepResult step(String id, String title, StepStatus status, long startedAt) {
    return new StepResult(id, title, "host-1", status, "", List.of(), List.of(), startedAt, startedAt + 10);
  }

  /** Workflow tasks as the server records them: scheduled, started (its time), completed or timed out. */
  private static final class History {
    final List<HistoryEvent> events = new ArrayList<>();

    History task(long startedAtMillis, boolean completed) {
      add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, startedAtMillis - 1);
      long started = add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, startedAtMillis);
      if (completed) {
        events.add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, startedAtMillis + 3).toBuilder()
            .setWorkflowTaskCompletedEventAttributes(WorkflowTaskCompletedEventAttributes.newBuilder()
                .setStartedEventId(started))
            .build());
      } else {
        add(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, startedAtMillis + 10_000);
      }
      return this;
    }

    long completedAfterStartAt(long millis) {
      long started = events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
          && e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000 == millis)
          .reduce((a, b) -> b).orElseThrow().getEventId();
      return events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
          && e.getWorkflowTaskCompletedEventAttributes().getStartedEventId() == started).findFirst().orElseThrow().getEventId();
    }

    private long add(EventType type, long millis) {
      events.add(event(type, millis));
      return events.get(events.size() - 1).getEventId();
    }

    private HistoryEvent event(EventType type, long millis) {
      return HistoryEvent.newBuilder().setEventId(events.size() + 1).setEventType(type)
          .setEventTime(Timestamp.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000 + 417))
          .build();
    }
  }
}
