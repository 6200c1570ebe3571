package io.spacetime.runbook.starter.resume;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.HostDeploymentWorkflow;
import io.spacetime.runbook.deployment.HostRollbackWorkflow;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether, and from where, a closed run can go on after a fix, from its outcome, its
 * steps and its history. Pure: no server calls, so every refusal is unit-tested.
 *
 * <p>Two kinds of run are resumable, because the world still looks as their history says:
 * <ul>
 *   <li>ROLLBACK_FAILED: the changes before the failed undo were undone or never made; the run
 *       goes on from the first failed undo (every undo is safe to run twice, so the undos after it
 *       run again too and are verified again);</li>
 *   <li>ABORTED: a check failed before anything was changed; the run goes on from that check.</li>
 * </ul>
 * A run that rolled back cleanly, was cancelled, or finished is not: its changes were undone (or
 * kept), so its history no longer describes the hosts; a new run is the way on.
 *
 * <p>The reset point is found through time: a step's {@code startedAt} is
 * {@code Workflow.currentTimeMillis()} when it began, which is the time of the workflow task that
 * began it (the SDK's workflow clock is that task's WorkflowTaskStarted event time).
 */
public final class ResumePlanner {

  /** Workflow types that take the environment lock and whose failed steps are theirs to re-run. */
  static final Set<String> RESUMABLE_TYPES = Set.of(DeploymentWorkflow.TYPE, RollbackWorkflow.TYPE);
  private static final Set<String> HOST_CHILDREN = Set.of(HostDeploymentWorkflow.TYPE, HostRollbackWorkflow.TYPE);

  private ResumePlanner() {}

  /**
   * @param outcome the run's outcome from its result
   * @param steps the steps of its result (failed steps are always kept there, at any fleet size)
   * @param history the closed run's history, in order
   * @throws NotResumableException naming why and what to do instead
   */
  public static ResumePoint plan(String workflowId, String runId, String workflowType, String environment,
      Outcome outcome, List<StepResult> steps, List<HistoryEvent> history) {
    refuseOtherTypes(workflowId, workflowType, environment);
    StepStatus failed = switch (outcome) {
      case ROLLBACK_FAILED -> StepStatus.COMPENSATION_FAILED;
      case ABORTED -> StepStatus.FAILED;
      case ROLLED_BACK -> throw new NotResumableException(workflowId + " rolled back cleanly: every change was "
          + "undone and verified, so nothing is left half done; after the fix, start a new run");
      case CANCELLED -> throw new NotResumableException(workflowId + " was cancelled by an operator and what it "
          + "changed was undone; start a new run");
      case SUCCEEDED -> throw new NotResumableException(workflowId + " succeeded: nothing to resume");
      case PARTIALLY_DEPLOYED -> throw new NotResumableException(workflowId + " finished on part of the fleet (its "
          + "failed hosts were rolled back and verified); deploy again to bring them up");
    };
    if (outcome == Outcome.ABORTED && steps.stream().anyMatch(s -> s.status() == StepStatus.COMPENSATED)) {
      throw new NotResumableException(workflowId + " is ABORTED but undid changes; start a new run");
    }
    List<StepResult> candidates = steps.stream().filter(s -> s.status() == failed).toList();
    if (candidates.isEmpty()) {
      throw new NotResumableException(workflowId + " is " + outcome + " but its result names no "
          + (failed == StepStatus.FAILED ? "failed step" : "failed undo") + "; look at ./runbook status " + workflowId
          + " --report");
    }
    for (StepResult step : candidates) {
      Optional<Long> point = workflowTaskThatBegan(step.startedAt(), history);
      if (point.isPresent()) {
        return new ResumePoint(workflowId, runId, workflowType, environment, outcome, step, point.get());
      }
    }
    StepResult first = candidates.get(0);
    throw new NotResumableException("the failed " + (failed == StepStatus.FAILED ? "step" : "undo") + " '"
        + first.title() + (first.host().isEmpty() ? "" : "' on " + first.host()) + " ran inside a host's own "
        + "workflow (" + workflowId + "/" + first.host() + "...), not in " + workflowId + "; after the fix, bring the "
        + "environment back with ./runbook rollback --env " + environment);
  }

  /**
   * Refuses a run that is not a deployment or an emergency rollback, before its result is read:
   * only those take the environment lock and own the steps of their result.
   *
   * @throws NotResumableException naming what to do instead
   */
  public static void refuseOtherTypes(String workflowId, String workflowType, String environment) {
    if (HOST_CHILDREN.contains(workflowType)) {
      throw new NotResumableException(workflowId + " is one host's part of a rollout; resume the deployment that "
          + "started it, or bring the environment back with ./runbook rollback --env " + environment);
    }
    if (!RESUMABLE_TYPES.contains(workflowType)) {
      throw new NotResumableException(workflowId + " is a " + workflowType + "; only deployments and emergency "
          + "rollbacks are resumed (an incident stays open until it is resolved: answer it instead)");
    }
  }

  /**
   * The WorkflowTaskCompleted event of the task whose WorkflowTaskStarted time is {@code startedAt}:
   * a task that failed or timed out was not the one the code's clock came from, so it is skipped.
   */
  static Optional<Long> workflowTaskThatBegan(long startedAt, List<HistoryEvent> history) {
    for (int i = 0; i < history.size(); i++) {
      HistoryEvent started = history.get(i);
      if (started.getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED || millis(started) != startedAt) {
        continue;
      }
      for (int j = i + 1; j < history.size(); j++) {
        HistoryEvent next = history.get(j);
        if (next.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
            && next.getWorkflowTaskCompletedEventAttributes().getStartedEventId() == started.getEventId()) {
          return Optional.of(next.getEventId());
        }
      }
    }
    return Optional.empty();
  }

  private static long millis(HistoryEvent event) {
    return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
  }
}
