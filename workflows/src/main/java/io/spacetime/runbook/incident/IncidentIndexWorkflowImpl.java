package io.spacetime.runbook.incident;

import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open-incident index: a map from key to summary, kept by signals, continued as new when its
 * history grows (carrying the map), never ending by itself.
 */
public final class IncidentIndexWorkflowImpl implements IncidentIndexWorkflow {

  private final Map<String, IncidentSummary> open = new LinkedHashMap<>();
  private int signals;

  @WorkflowInit
  public IncidentIndexWorkflowImpl(List<IncidentSummary> carried) {
    if (carried != null) {
      carried.forEach(s -> open.put(s.key(), s));
    }
  }

  @Override
  public void keep(List<IncidentSummary> carried) {
    while (true) {
      int seen = signals;
      Workflow.await(() -> signals != seen);
      if (Workflow.getInfo().isContinueAsNewSuggested() || signals > 5000) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new ArrayList<>(open.values()));
      }
    }
  }

  @Override
  public void upsert(IncidentSummary summary) {
    if (summary != null && summary.key() != null) {
      open.put(summary.key(), summary);
    }
    signals++;
  }

  @Override
  public void remove(String key) {
    open.remove(key);
    signals++;
  }

  @Override
  public List<IncidentSummary> open() {
    return open.values().stream().sorted(Comparator.comparingLong(IncidentSummary::startedAt).reversed()).toList();
  }
}
