package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.WorkflowInput;
import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.ports.incident.IncidentIndexActivities;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.Page;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One incident as a workflow. The main thread keeps the clocks ({@link EscalationClock}) and sends
 * what people must be told ({@link Responders}); the response ({@link IncidentResponse}) runs beside
 * it in its own cancellation scope, so escalations and status updates fire while an investigation
 * or an approval wait is in progress, and a resolution stops the response. After resolution the
 * run waits out the cool-down: a firing within it re-opens the incident (flapping), after it the
 * run ends with the post-mortem as its result. Long incidents continue as new with their state.
 */
public final class IncidentWorkflowImpl implements IncidentWorkflow {

  static final String RUNBOOK = "Incident Response Process (RUNBOOK_INCIDENTS.md)";
  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  private final Procedure procedure;
  private final ActivityStubs stubs;
  private Incident incident;
  private Responders responders;
  private EscalationClock clock;
  private AlertOccurrence reopenedBy;
  private Promise<Void> response;
  /** The running response's scope, cancelled when the incident is resolved. */
  private CancellationScope currentScope;

  @WorkflowInit
  public IncidentWorkflowImpl(IncidentRequest request, IncidentCarryOver carried) {
    procedure = new Procedure(RUNBOOK, request == null ? "" : request.environment());
    stubs = ActivityStubs.forStepsOf(procedure);
    if (request != null && IncidentType.isKnown(request.type())) {
      // Built here so a query or signal arriving with the start finds the incident; respond() validates.
      incident = carried == null ? Incident.open(request) : Incident.resume(request, carried);
      responders = new Responders(incident);
      clock = new EscalationClock(incident, responders, procedure::currentStep);
    }
  }

  @Override
  public IncidentResult respond(IncidentRequest request, IncidentCarryOver carried) {
    WorkflowInput.require(request, "incident", "{\"type\": \"high-error-rate\", \"environment\": ..., \"summary\": ...}");
    procedure.publishSearchAttributes(TYPE, "");
    Workflow.upsertTypedSearchAttributes(RunbookSearchAttributes.INCIDENT_TYPE.valueSet(incident.type.jsonName()));
    boolean firstOpening = carried == null;
    boolean responding = firstOpening || carried.state().status() == IncidentStatus.INVESTIGATING;
    try {
      while (true) {
        if (responding) {
          startResponse(firstOpening);
        }
        keepClocksUntilResolved(request);
        announceResolution();
        if (!coolDownReopens()) {
          break;
        }
        incident.reopen(reopenedBy);
        reopenedBy = null;
        firstOpening = false;
        responding = true;
      }
    } catch (CanceledFailure cancelled) {
      Workflow.newDetachedCancellationScope(() -> {
        incident.record(Kind.RESOLVED, "operator", "Incident run cancelled: " + cancelled.getMessage(), Map.of());
        responders.queueNotice(Notice.WARNING, "Incident run cancelled: " + IncidentMessages.title(incident),
            "The incident workflow " + incident.key + " was cancelled; nothing watches this incident any more.");
        responders.flush();
        removeFromIndex();
      }).run();
      throw cancelled;
    }
    removeFromIndex();
    Workflow.upsertTypedSearchAttributes(RunbookSearchAttributes.OUTCOME.valueSet("RESOLVED"),
        RunbookSearchAttributes.CURRENT_STEP.valueUnset());
    long now = Workflow.currentTimeMillis();
    return new IncidentResult(incident.key, incident.type.jsonName(), request.environment(),
        incident.severity().map(Enum::name).orElse(""), incident.status(), (incident.resolvedAt() - incident.startedAt()) / 1000,
        incident.occurrences(), incident.reopened(), PostMortem.draft(incident, now));
  }

  /** Phases 1-4 in their own scope, so a resolution can stop them wherever they are. */
  private void startResponse(boolean firstOpening) {
    IncidentResponse run = new IncidentResponse(incident, procedure, stubs, responders, clock);
    CancellationScope scope = Workflow.newCancellationScope(() -> response = Async.procedure(() -> {
      try {
        run.run(firstOpening);
      } catch (CanceledFailure stopped) {
        procedure.failCurrent("stopped: the incident was resolved");
      } catch (RuntimeException unexpected) {
        // A defect of ours must not leave the incident silent: people are told and escalated to.
        procedure.failCurrent(Failures.describe(unexpected));
        incident.status(IncidentStatus.NEEDS_PEOPLE);
        responders.escalate(incident.level().next(), "engine", "the automatic response failed: " + Failures.describe(unexpected));
        log.error("{} incident response failed", incident.key, unexpected);
      }
    }));
    scope.run();
    currentScope = scope;
  }

  /**
   * The clock loop: fire what is due, send what is queued, keep search attributes and the index in
   * step, and sleep until the next due event or the next change, whichever comes first.
   */
  private void keepClocksUntilResolved(IncidentRequest request) {
    IncidentSummary indexed = null;
    String severityShown = "";
    while (!incident.resolved()) {
      clock.fireDue(Workflow.currentTimeMillis());
      responders.flush();
      String severity = incident.severity().map(Enum::name).orElse("");
      if (!severity.equals(severityShown)) {
        Workflow.upsertTypedSearchAttributes(RunbookSearchAttributes.SEVERITY.valueSet(severity));
        severityShown = severity;
      }
      IncidentSummary summary = incident.summary();
      if (!summary.equals(indexed)) {
        upsertIndex(summary);
        indexed = summary;
      }
      if (historyIsLong() && (response == null || response.isCompleted()) && !responders.hasQueued()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(request, incident.carryOver(state()));
      }
      // A handler may have changed the incident while this loop waited for an activity above:
      // the wake-up condition is read against the state as it is now, resolution included.
      int seen = incident.changes();
      Supplier<Boolean> changed = () -> incident.changes() != seen || responders.hasQueued() || incident.resolved();
      Optional<EscalationClock.Due> next = clock.next();
      if (next.isPresent()) {
        Workflow.await(Duration.ofMillis(Math.max(1, next.get().at() - Workflow.currentTimeMillis())), changed);
      } else {
        Workflow.await(changed);
      }
    }
    if (currentScope != null) {
      currentScope.cancel("the incident was resolved");
    }
  }

  private boolean historyIsLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() >= responders.settings().continueAsNewAfterEvents();
  }

  /** Phase 4 "Communication": the RESOLVED message; PagerDuty resolve. */
  private void announceResolution() {
    responders.queueNotice(Notice.INFO, "RESOLVED: " + IncidentMessages.title(incident), IncidentMessages.resolved(incident));
    responders.queuePage(Page.RESOLVE, "", "Resolved: " + IncidentMessages.title(incident));
    responders.flush();
    incident.phase("Phase 5: Post-Incident");
    upsertIndex(incident.summary());
  }

  /** True when a firing arrives within the cool-down after resolution. */
  private boolean coolDownReopens() {
    Duration coolDown = Duration.ofMinutes(responders.settings().coolDownMinutes());
    return Workflow.await(coolDown, () -> reopenedBy != null);
  }

  private void upsertIndex(IncidentSummary summary) {
    try {
      stubs.quick(IncidentIndexActivities.class).upsertIncident(summary);
    } catch (ActivityFailure e) {
      log.warn("{} incident index not updated: {}", incident.key, Failures.describe(e));
    }
  }

  private void removeFromIndex() {
    try {
      stubs.quick(IncidentIndexActivities.class).removeIncident(incident.key);
    } catch (ActivityFailure e) {
      log.warn("{} incident not removed from the index: {}", incident.key, Failures.describe(e));
    }
  }

  // --- signals and updates

  @Override
  public void alert(AlertOccurrence occurrence) {
    if (incident == null || occurrence == null) {
      return;
    }
    try {
      occurrence.validate();
    } catch (InvalidInputException e) {
      incident.record(Kind.ALERT, "intake", "alert report ignored: " + e.getMessage(), Map.of());
      return;
    }
    if (incident.resolved() && occurrence.firing()) {
      if (!incident.episodes().contains(occurrence.fingerprint() + "@" + occurrence.episode())) {
        incident.alert(occurrence);
        reopenedBy = occurrence;
      }
      return;
    }
    incident.alert(occurrence);
  }

  @Override
  public IncidentState acknowledge(Acknowledgement acknowledgement) {
    if (!incident.acknowledged()) {
      incident.acknowledge(acknowledgement.by());
      responders.queuePage(Page.ACKNOWLEDGE, "", "Acknowledged by " + acknowledgement.by());
    }
    return state();
  }

  @Override
  public void validateAcknowledge(Acknowledgement acknowledgement) {
    require(acknowledgement, "acknowledgement").validate();
    refuseWhenResolved("acknowledge");
  }

  @Override
  public IncidentState addNote(Note note) {
    incident.record(Kind.NOTE, note.by(), note.text(), Map.of());
    return state();
  }

  @Override
  public void validateAddNote(Note note) {
    require(note, "note").validate();
    requireIncident();
  }

  @Override
  public IncidentState setSeverity(SeverityChange change) {
    Severity before = incident.severity().orElse(null);
    Severity after = Severity.fromName(change.severity());
    if (incident.severity(after, change.by(), change.reason()) && before != null && after.worseThan(before)) {
      responders.escalate(incident.level().next(), change.by(), "severity raised to " + after.name() + ": " + change.reason());
    }
    return state();
  }

  @Override
  public void validateSetSeverity(SeverityChange change) {
    require(change, "severity change").validate();
    refuseWhenResolved("change the severity of");
  }

  @Override
  public IncidentState approve(Decision decision) {
    incident.decide(decision, true);
    return state();
  }

  @Override
  public void validateApprove(Decision decision) {
    require(decision, "approval").validate();
    requirePending(decision.action());
  }

  @Override
  public IncidentState reject(Decision decision) {
    incident.decide(decision, false);
    return state();
  }

  @Override
  public void validateReject(Decision decision) {
    require(decision, "rejection").validate();
    requirePending(decision.action());
  }

  @Override
  public IncidentState escalateNow(EscalationRequest request) {
    if (!responders.escalate(incident.level().next(), request.by(), "asked by " + request.by() + ": " + request.reason())) {
      incident.record(Kind.ESCALATED, request.by(), "Escalation asked, but the incident is already at the top of the"
          + " escalation path (" + responders.who(incident.level()) + "): " + request.reason(), Map.of());
    }
    return state();
  }

  @Override
  public void validateEscalateNow(EscalationRequest request) {
    require(request, "escalation").validate();
    refuseWhenResolved("escalate");
  }

  @Override
  public IncidentState resolve(Resolution resolution) {
    incident.resolve(resolution);
    return state();
  }

  @Override
  public void validateResolve(Resolution resolution) {
    require(resolution, "resolution").validate();
    refuseWhenResolved("resolve");
  }

  private <T> T require(T value, String what) {
    if (value == null) {
      throw new InvalidInputException(what + " is required");
    }
    return value;
  }

  private void requireIncident() {
    if (incident == null) {
      throw new InvalidInputException("this run has no valid incident (its input was rejected)");
    }
  }

  private void refuseWhenResolved(String action) {
    requireIncident();
    if (incident.resolved()) {
      throw new InvalidInputException("cannot " + action + " incident " + incident.key + ": it was resolved by "
          + incident.resolvedBy() + " at " + IncidentMessages.time(incident.resolvedAt()));
    }
  }

  private void requirePending(String action) {
    requireIncident();
    if (incident.pending(action).isEmpty()) {
      List<String> waiting = incident.pendingApprovals().stream().map(PendingApproval::id).toList();
      throw new InvalidInputException("no action \"" + action + "\" waits for approval"
          + (waiting.isEmpty() ? "; none does now" : "; waiting: " + String.join(", ", waiting)));
    }
  }

  // --- queries

  @Override
  public IncidentState state() {
    requireIncident();
    Optional<EscalationClock.Due> next = clock.plan().stream().filter(d -> d.what().startsWith("escalate")).findFirst();
    return incident.state(procedure.currentStep(), next.map(EscalationClock.Due::at).orElse(0L),
        next.map(d -> d.what().replaceFirst("^escalate to ", "")).orElse(""), clock.nextUpdateAt(),
        responders.who(incident.level()));
  }

  @Override
  public List<TimelineEvent> timeline() {
    requireIncident();
    return incident.timeline();
  }

  @Override
  public String postMortem() {
    requireIncident();
    return PostMortem.draft(incident, Workflow.currentTimeMillis());
  }

  @Override
  public Progress progress() {
    return procedure.progress();
  }

  @Override
  public String report() {
    return procedure.report();
  }
}
