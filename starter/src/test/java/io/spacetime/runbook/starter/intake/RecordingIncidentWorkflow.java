package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.incident.Acknowledgement;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.Decision;
import io.spacetime.runbook.incident.EscalationRequest;
import io.spacetime.runbook.incident.IncidentCarryOver;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentResult;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.IncidentStatus;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.incident.Note;
import io.spacetime.runbook.incident.PendingApproval;
import io.spacetime.runbook.incident.Resolution;
import io.spacetime.runbook.incident.SeverityChange;
import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.incident.TimelineEvent;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The intake's tests stand-in for the real incident workflow (which the starter cannot see): it
 * records every signal and update it receives, raw and undeduplicated, so a test sees exactly what
 * the intake sent, and answers the queries from what it recorded. One risky action is pending
 * ({@value #PENDING}); its validators refuse anything else, as the real one does.
 */
public final class RecordingIncidentWorkflow implements IncidentWorkflow {

  static final String PENDING = "kill-port-holder@api-1";

  private final IncidentRequest request;
  private final long startedAt;
  private final List<AlertOccurrence> alerts = new ArrayList<>();
  private final List<TimelineEvent> timeline = new ArrayList<>();
  private String severity;
  private String acknowledgedBy = "";
  private String resolvedBy = "";

  @WorkflowInit
  public RecordingIncidentWorkflow(IncidentRequest request, IncidentCarryOver carried) {
    this.request = request;
    this.severity = request.severity();
    this.startedAt = Workflow.currentTimeMillis();
    timeline.add(event(Kind.DETECTED, request.source(), request.summary()));
  }

  @Override
  public IncidentResult respond(IncidentRequest request, IncidentCarryOver carried) {
    Workflow.await(() -> !resolvedBy.isEmpty());
    return new IncidentResult(key(), request.type(), request.environment(), severity, IncidentStatus.RESOLVED, 0,
        alerts.size(), 0, postMortem());
  }

  @Override
  public void alert(AlertOccurrence occurrence) {
    alerts.add(occurrence);
    timeline.add(new TimelineEvent(Workflow.currentTimeMillis(), Kind.ALERT, occurrence.source(),
        occurrence.status() + " " + occurrence.episode(), occurrence.labels()));
  }

  @Override
  public IncidentState acknowledge(Acknowledgement acknowledgement) {
    acknowledgedBy = acknowledgement.by();
    timeline.add(event(Kind.ACKNOWLEDGED, acknowledgement.by(), ""));
    return state();
  }

  @Override
  public void validateAcknowledge(Acknowledgement acknowledgement) {
    acknowledgement.validate();
  }

  @Override
  public IncidentState addNote(Note note) {
    timeline.add(event(Kind.NOTE, note.by(), note.text()));
    return state();
  }

  @Override
  public void validateAddNote(Note note) {
    note.validate();
  }

  @Override
  public IncidentState setSeverity(SeverityChange change) {
    severity = change.severity();
    timeline.add(event(Kind.SEVERITY, change.by(), change.severity() + ": " + change.reason()));
    return state();
  }

  @Override
  public void validateSetSeverity(SeverityChange change) {
    change.validate();
  }

  @Override
  public IncidentState approve(Decision decision) {
    timeline.add(event(Kind.APPROVED, decision.by(), decision.action()));
    return state();
  }

  @Override
  public void validateApprove(Decision decision) {
    requirePending(decision);
  }

  @Override
  public IncidentState reject(Decision decision) {
    timeline.add(event(Kind.REJECTED, decision.by(), decision.action()));
    return state();
  }

  @Override
  public void validateReject(Decision decision) {
    requirePending(decision);
  }

  @Override
  public IncidentState escalateNow(EscalationRequest escalation) {
    timeline.add(event(Kind.ESCALATED, escalation.by(), escalation.reason()));
    return state();
  }

  @Override
  public void validateEscalateNow(EscalationRequest escalation) {
    escalation.validate();
  }

  @Override
  public IncidentState resolve(Resolution resolution) {
    resolvedBy = resolution.by();
    timeline.add(event(Kind.RESOLVED, resolution.by(), resolution.summary()));
    return state();
  }

  @Override
  public void validateResolve(Resolution resolution) {
    if (!resolvedBy.isEmpty()) {
      throw new IllegalStateException("already resolved by " + resolvedBy);
    }
  }

  @Override
  public IncidentState state() {
    List<String> resolvedAlerts = alerts.stream().filter(a -> !a.firing()).map(AlertOccurrence::fingerprint).toList();
    int episodes = (int) alerts.stream().filter(AlertOccurrence::firing).map(AlertOccurrence::episode).distinct().count();
    return new IncidentState(key(), request.type(), request.environment(), request.summary(), severity,
        resolvedBy.isEmpty() ? IncidentStatus.INVESTIGATING : IncidentStatus.RESOLVED, "Phase 2: Investigation", "",
        request.source(), request.hosts(), startedAt, acknowledgedBy, 0, "", 0, "", 0, episodes, alerts.size(),
        List.of(new PendingApproval(PENDING, "kill the process holding port 8080", "api-1", Map.of("pid", "4242"), 0, 0)),
        resolvedAlerts, resolvedBy, 0, 0, List.of());
  }

  @Override
  public List<TimelineEvent> timeline() {
    return List.copyOf(timeline);
  }

  @Override
  public String postMortem() {
    return "# Post-Incident Review: " + request.summary() + "\n\n| time | event |\n| --- | --- |\n"
        + String.join("\n", timeline.stream().map(e -> "| " + e.at() + " | " + e.kind() + " " + e.text() + " |").toList())
        + "\n";
  }

  @Override
  public Progress progress() {
    return new Progress("incident", request.environment(), "", "", null, List.of());
  }

  @Override
  public String report() {
    return postMortem();
  }

  private void requirePending(Decision decision) {
    decision.validate();
    if (!PENDING.equals(decision.action())) {
      throw new IllegalArgumentException("no action '" + decision.action() + "' waits for a decision; pending: " + PENDING);
    }
  }

  private String key() {
    return Workflow.getInfo().getWorkflowId();
  }

  private TimelineEvent event(Kind kind, String by, String text) {
    return new TimelineEvent(Workflow.currentTimeMillis(), kind, by, text, Map.of());
  }
}
