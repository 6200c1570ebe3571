package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One incident, from detection to post-mortem, as RUNBOOK_INCIDENTS.md's Incident Response Process:
 * triage (severity given or assessed from evidence), escalation as durable timers, status updates at
 * the severity's cadence, the type's investigation steps, its resolution procedures (safe ones by
 * themselves, risky ones after a person's approval), verification gates, and the RESOLVED message
 * and post-mortem draft. Its workflow id is the incident's key ({@link IncidentKey}), so one alert is
 * one incident however often it is reported.
 */
@WorkflowInterface
public interface IncidentWorkflow {

  String TYPE = "IncidentWorkflow";

  /**
   * Runs until the incident is resolved and its cool-down has passed; the result carries the
   * post-mortem. {@code carried} is null on a first start; continue-as-new passes the state on.
   */
  @WorkflowMethod(name = TYPE)
  IncidentResult respond(IncidentRequest request, IncidentCarryOver carried);

  @SignalMethod(name = "alert", description = "An alert report from the intake: a firing joins (or re-opens) the incident, a resolved one is recorded.")
  void alert(AlertOccurrence occurrence);

  @UpdateMethod(name = "acknowledge", description = "Acknowledge the incident: {\"by\":\"alice\"}. Stops the unacknowledged-response escalation.")
  IncidentState acknowledge(Acknowledgement acknowledgement);

  @UpdateValidatorMethod(updateName = "acknowledge")
  void validateAcknowledge(Acknowledgement acknowledgement);

  @UpdateMethod(name = "addNote", description = "Add a finding to the timeline: {\"by\":\"alice\",\"text\":\"...\"}.")
  IncidentState addNote(Note note);

  @UpdateValidatorMethod(updateName = "addNote")
  void validateAddNote(Note note);

  @UpdateMethod(name = "setSeverity", description = "Change the severity: {\"severity\":\"P0\",\"by\":\"alice\",\"reason\":\"...\"}. Every timer is planned again.")
  IncidentState setSeverity(SeverityChange change);

  @UpdateValidatorMethod(updateName = "setSeverity")
  void validateSetSeverity(SeverityChange change);

  @UpdateMethod(name = "approve", description = "Approve a risky action waiting for a person: {\"action\":\"<id from the state query>\",\"by\":\"alice\",\"reason\":\"...\"}.")
  IncidentState approve(Decision decision);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Decision decision);

  @UpdateMethod(name = "reject", description = "Reject a risky action waiting for a person: {\"action\":\"<id>\",\"by\":\"alice\",\"reason\":\"...\"}. The next scenario is tried.")
  IncidentState reject(Decision decision);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(Decision decision);

  @UpdateMethod(name = "escalateNow", description = "Escalate to the next level of the escalation path now: {\"by\":\"alice\",\"reason\":\"...\"}.")
  IncidentState escalateNow(EscalationRequest request);

  @UpdateValidatorMethod(updateName = "escalateNow")
  void validateEscalateNow(EscalationRequest request);

  @UpdateMethod(name = "resolve", description = "Resolve the incident: {\"by\":\"alice\",\"summary\":\"...\",\"rootCause\":\"...\"}. Every timer stops.")
  IncidentState resolve(Resolution resolution);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(Resolution resolution);

  @QueryMethod(name = "state", description = "Severity, status, who acknowledged, next escalation, pending approvals.")
  IncidentState state();

  @QueryMethod(name = "timeline", description = "Every event so far: detection, acknowledgements, escalations, actions with their evidence.")
  List<TimelineEvent> timeline();

  @QueryMethod(name = "postMortem", description = "The post-mortem draft (Markdown, the runbook's template) as of now.")
  String postMortem();

  @QueryMethod(name = "progress", description = "Current step and every step so far with its evidence.")
  Progress progress();

  @QueryMethod(name = "report", description = "The run's steps as Markdown: every step with its gates and evidence.")
  String report();
}
