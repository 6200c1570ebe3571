package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

/** The index as its contract says: lines replaced by key, removed on close, listed newest first. */
public final class StubIncidentIndex implements IncidentIndexWorkflow {

  private final List<IncidentSummary> open = new ArrayList<>();

  @WorkflowInit
  public StubIncidentIndex(List<IncidentSummary> carried) {
    if (carried != null) {
      open.addAll(carried);
    }
  }

  @Override
  public void keep(List<IncidentSummary> carried) {
    Workflow.await(() -> false);
  }

  @Override
  public void upsert(IncidentSummary summary) {
    remove(summary.key());
    open.add(summary);
  }

  @Override
  public void remove(String key) {
    open.removeIf(s -> s.key().equals(key));
  }

  @Override
  public List<IncidentSummary> open() {
    List<IncidentSummary> newestFirst = new ArrayList<>(open);
    newestFirst.sort((a, b) -> Long.compare(b.startedAt(), a.startedAt()));
    return newestFirst;
  }
}
