package io.spacetime.runbook.bench;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * (h) A whole deployment of a good release to the sandbox's hosts, its wall time split into the
 * runbook's own work (commands, probes, the load test, startup waits: activities and timers) and
 * the engine's overhead (everything else), from the run's and its children's histories. Goal: the
 * overhead at most 5 % of the wall time. The watch window is off: its 30 minutes of sampling are
 * work by definition and would only dilute the figure.
 */
final class DeploymentOverheadBench {

  private final WorkflowClient client;
  private final String queue;

  DeploymentOverheadBench(WorkflowClient client, String queue) {
    this.client = client;
    this.queue = queue;
  }

  BenchFigure run(Sandbox sandbox, String env, String version) throws Exception {
    String name = "whole deployment, " + sandbox.hosts().size() + " hosts: engine overhead";
    BenchFigure.Goal goal = BenchFigure.Goal.atMost(5);
    sandbox.stageRelease(version);
    RunbookClient runbooks = new RunbookClient(client, queue, Clock.systemUTC());
    String id = runbooks.startDeployment(DeploymentRequest.of(env, version).withWatch("off"));
    DeploymentResult result = runbooks.deploymentResult(id, Duration.ofMinutes(20));
    if (result.outcome() != Outcome.SUCCEEDED) {
      return BenchFigure.notMeasured("h", name, BenchFigure.Unit.PERCENT, goal, "the deployment of a good release ended "
          + result.outcome() + ": " + result.message());
    }
    List<HistoryEvent> root = client.fetchHistory(id).getEvents();
    List<List<HistoryEvent>> children = new ArrayList<>();
    addChildren(root, children);
    EngineOverhead.Split split = EngineOverhead.of(root, children);
    return new BenchFigure("h", name, 100 * split.overheadFraction(), BenchFigure.Unit.PERCENT, goal,
        String.format(Locale.ROOT, "wall %.1f s: the runbook's own work %.1f s (activities %.1f s, timers %.1f s,"
            + " overlaps counted once; %d activities), engine %.2f s; %d child runs", split.wallMs() / 1000.0,
            split.workMs() / 1000.0, split.activityMs() / 1000.0, split.timerMs() / 1000.0, split.activities(),
            split.overheadMs() / 1000.0, children.size()));
  }

  private void addChildren(List<HistoryEvent> history, List<List<HistoryEvent>> into) {
    for (HistoryEvent e : history) {
      if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
        var child = e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
        List<HistoryEvent> events = client.fetchHistory(child.getWorkflowId(), child.getRunId()).getEvents();
        into.add(events);
        addChildren(events, into);
      }
    }
  }
}
