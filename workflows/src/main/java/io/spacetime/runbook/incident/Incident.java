package io.spacetime.runbook.incident;

import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incident as the workflow knows it: severity, status, who acknowledged, how far it escalated,
 * its alert's occurrences, the risky actions waiting for a person, and the timeline every part of
 * the workflow writes to. Workflow code only (time is workflow time); the handlers and the
 * response run on the workflow's threads, one at a time, so no locking.
 */
final class Incident {

  /** Past this many events only the first and the newest are kept, so a flapping alert cannot grow history without bound. */
  static final int MAX_TIMELINE = 1000;

  final IncidentRequest request;
  final String key;
  final IncidentType type;
  private Severity severity;
  private IncidentStatus status = IncidentStatus.INVESTIGATING;
  private String phase = "Phase 1: Detection and Triage";
  private final long startedAt;
  /** Where the escalation clocks count from: the start, or the last re-opening. */
  private long openedAt;
  /** The first firing report of a signal-with-start is the opening itself, not a second occurrence. */
  private boolean openingReport = true;
  private String acknowledgedBy = "";
  private long acknowledgedAt;
  private EscalationLevel level = EscalationLevel.ON_CALL;
  private final List<TimelineEvent> timeline = new ArrayList<>();
  private int droppedEvents;
  private int occurrences;
  private int notifications;
  private final Set<String> episodes = new LinkedHashSet<>();
  private final Map<String, PendingApproval> pending = new LinkedHashMap<>();
  private final Map<String, Boolean> decisions = new LinkedHashMap<>();
  private final List<String> resolveCandidates = new ArrayList<>();
  private String resolvedBy = "";
  private long resolvedAt;
  private String resolutionSummary = "";
  private String rootCause = "";
  private int reopened;
  private final List<String> actionsTaken = new ArrayList<>();
  private final Set<String> firedEscalations = new LinkedHashSet<>();
  private int missedResponses;
  private long lastUpdateAt;
  private boolean onCallPaged;
  private final List<String> scenariosTried = new ArrayList<>();
  private final Set<String> responders = new LinkedHashSet<>();
  /** Bumped by every change a timer plan depends on, so the clock wakes and plans again. */
  private int changes;

  private Incident(IncidentRequest request, long startedAt) {
    this.request = request;
    this.key = Workflow.getInfo().getWorkflowId();
    this.type = request.incidentType();
    this.startedAt = startedAt;
    this.openedAt = startedAt;
    this.lastUpdateAt = startedAt;
  }

  /** A new incident, detected now. */
  static Incident open(IncidentRequest request) {
    Incident incident = new Incident(request, Workflow.currentTimeMillis());
    incident.occurrences = 1;
    incident.record(Kind.DETECTED, sourceOf(request), "Detected: " + request.summary()
        + (request.labels().isEmpty() ? "" : " " + request.labels()), Map.of());
    return incident;
  }

  /** The incident carried over from the previous run (continue-as-new). */
  static Incident resume(IncidentRequest request, IncidentCarryOver carried) {
    IncidentState s = carried.state();
    Incident incident = new Incident(request, s.startedAt());
    incident.severity = s.severity().isEmpty() ? null : Severity.fromName(s.severity());
    incident.status = s.status();
    incident.phase = s.phase();
    incident.acknowledgedBy = s.acknowledgedBy();
    incident.acknowledgedAt = s.acknowledgedAt();
    incident.level = levelOf(s.escalatedTo());
    incident.timeline.addAll(carried.timeline());
    incident.occurrences = s.occurrences();
    incident.notifications = s.notifications();
    incident.episodes.addAll(carried.episodes());
    incident.resolveCandidates.addAll(s.resolveCandidates());
    incident.resolvedBy = s.resolvedBy();
    incident.resolvedAt = s.resolvedAt();
    incident.reopened = s.reopened();
    incident.actionsTaken.addAll(s.actionsTaken());
    incident.firedEscalations.addAll(carried.firedEscalations());
    incident.missedResponses = carried.missedResponses();
    incident.lastUpdateAt = carried.lastUpdateAt();
    incident.onCallPaged = carried.onCallPaged();
    incident.scenariosTried.addAll(carried.scenariosTried());
    incident.rootCause = carried.rootCause();
    incident.resolutionSummary = carried.resolutionSummary();
    incident.openedAt = carried.openedAt() > 0 ? carried.openedAt() : s.startedAt();
    incident.openingReport = false;
    return incident;
  }

  private static EscalationLevel levelOf(String escalatedTo) {
    for (EscalationLevel l : EscalationLevel.values()) {
      if (escalatedTo.startsWith(l.title())) {
        return l;
      }
    }
    return EscalationLevel.ON_CALL;
  }

  private static String sourceOf(IncidentRequest request) {
    return request.source().isEmpty() ? "reporter" : request.source();
  }

  // --- the timeline

  void record(Kind kind, String by, String text, Map<String, String> evidence) {
    if (timeline.size() >= MAX_TIMELINE) {
      timeline.remove(1);
      droppedEvents++;
    }
    timeline.add(new TimelineEvent(Workflow.currentTimeMillis(), kind, by, text, bounded(evidence)));
    if (!by.isEmpty() && !by.equals("engine") && !by.equals(request.source()) && kind != Kind.ALERT && kind != Kind.DETECTED) {
      responders.add(by);
    }
  }

  private static Map<String, String> bounded(Map<String, String> evidence) {
    Map<String, String> out = new LinkedHashMap<>();
    evidence.entrySet().stream().limit(20).forEach(e -> out.put(e.getKey(),
        e.getValue().length() > 300 ? e.getValue().substring(0, 300) + "…" : e.getValue()));
    return out;
  }

  List<TimelineEvent> timeline() {
    return List.copyOf(timeline);
  }

  int droppedEvents() {
    return droppedEvents;
  }

  // --- severity, status, phase

  Optional<Severity> severity() {
    return Optional.ofNullable(severity);
  }

  /** Sets the severity; true when it changed. */
  boolean severity(Severity newSeverity, String by, String reason) {
    if (newSeverity == severity) {
      return false;
    }
    String from = severity == null ? "" : severity.name() + " -> ";
    severity = newSeverity;
    changes++;
    record(Kind.SEVERITY, by, "Severity " + from + newSeverity.label() + ": " + reason, Map.of());
    return true;
  }

  IncidentStatus status() {
    return status;
  }

  void status(IncidentStatus newStatus) {
    status = newStatus;
  }

  String phase() {
    return phase;
  }

  void phase(String newPhase) {
    phase = newPhase;
  }

  long startedAt() {
    return startedAt;
  }

  long openedAt() {
    return openedAt;
  }

  // --- people

  boolean acknowledged() {
    return !acknowledgedBy.isEmpty();
  }

  String acknowledgedBy() {
    return acknowledgedBy;
  }

  void acknowledge(String by) {
    acknowledgedBy = by;
    acknowledgedAt = Workflow.currentTimeMillis();
    changes++;
    record(Kind.ACKNOWLEDGED, by, "Acknowledged by " + by, Map.of());
  }

  EscalationLevel level() {
    return level;
  }

  /** Raises the escalation level to {@code to}; false when it is already there or above. */
  boolean escalateTo(EscalationLevel to) {
    if (!to.above(level)) {
      return false;
    }
    level = to;
    changes++;
    return true;
  }

  boolean onCallPaged() {
    return onCallPaged;
  }

  void onCallPaged(boolean paged) {
    onCallPaged = paged;
  }

  Set<String> firedEscalations() {
    return firedEscalations;
  }

  int missedResponses() {
    return missedResponses;
  }

  void responseMissed() {
    missedResponses++;
  }

  long lastUpdateAt() {
    return lastUpdateAt;
  }

  void updated() {
    lastUpdateAt = Workflow.currentTimeMillis();
  }

  List<String> responders() {
    return List.copyOf(responders);
  }

  // --- alerts

  /**
   * An alert report: a new firing episode counts as an occurrence; a repeat of a known episode (the
   * whole group is re-sent on every notification) only counts as a notification.
   *
   * @return true when it is a new firing episode
   */
  boolean alert(AlertOccurrence occurrence) {
    notifications++;
    String episode = occurrence.fingerprint() + "@" + occurrence.episode();
    if (!occurrence.firing()) {
      String candidate = "alert " + episode + " resolved" + (occurrence.receivedAt().isEmpty() ? "" : " at " + occurrence.receivedAt());
      if (!resolveCandidates.contains(candidate)) {
        resolveCandidates.add(candidate);
        record(Kind.ALERT, occurrence.source(), "Alert reported resolved (a resolve candidate; the incident stays open"
            + " until a person resolves it): " + occurrence.summary(), Map.of("episode", episode));
      }
      return false;
    }
    if (openingReport) {
      openingReport = false;
      episodes.add(episode);
      record(Kind.ALERT, occurrence.source(), "Alert firing (the report that opened the incident)", Map.of("episode", episode));
      return false;
    }
    if (occurrence.episode().isEmpty() || episodes.add(episode)) {
      occurrences++;
      record(Kind.ALERT, occurrence.source(), "Alert firing (occurrence " + occurrences + "): " + occurrence.summary(),
          Map.of("episode", episode));
      changes++;
      return true;
    }
    return false;
  }

  List<String> episodes() {
    return List.copyOf(episodes);
  }

  int occurrences() {
    return occurrences;
  }

  // --- approvals

  void awaitApproval(PendingApproval approval) {
    pending.put(approval.id(), approval);
    decisions.remove(approval.id());
    changes++;
    record(Kind.APPROVAL_REQUESTED, "engine", "Waiting for approval: " + approval.description()
        + " (id " + approval.id() + ")", approval.evidence());
  }

  Optional<PendingApproval> pending(String id) {
    return Optional.ofNullable(pending.get(id));
  }

  List<PendingApproval> pendingApprovals() {
    return List.copyOf(pending.values());
  }

  void decide(Decision decision, boolean approved) {
    pending.remove(decision.action());
    decisions.put(decision.action(), approved);
    changes++;
    record(approved ? Kind.APPROVED : Kind.REJECTED, decision.by(), (approved ? "Approved: " : "Rejected: ")
        + decision.action() + ": " + decision.reason(), Map.of());
  }

  /** The person's answer to {@code id}, once given. */
  Optional<Boolean> decision(String id) {
    return Optional.ofNullable(decisions.get(id));
  }

  void withdraw(String id) {
    pending.remove(id);
    changes++;
  }

  // --- actions and scenarios

  void actionTaken(String host, String summary, Map<String, String> evidence) {
    String line = (host.isEmpty() ? "" : "[" + host + "] ") + summary;
    actionsTaken.add(line);
    record(Kind.ACTION, "engine", line, evidence);
  }

  List<String> actionsTaken() {
    return List.copyOf(actionsTaken);
  }

  void tried(String scenario) {
    scenariosTried.add(scenario);
  }

  List<String> scenariosTried() {
    return List.copyOf(scenariosTried);
  }

  // --- resolution

  boolean resolved() {
    return status == IncidentStatus.RESOLVED;
  }

  void resolve(Resolution resolution) {
    status = IncidentStatus.RESOLVED;
    phase = "Phase 4: Recovery";
    resolvedBy = resolution.by();
    resolvedAt = Workflow.currentTimeMillis();
    resolutionSummary = resolution.summary();
    rootCause = resolution.rootCause();
    pending.clear();
    changes++;
    record(Kind.RESOLVED, resolution.by(), "Resolved: " + resolution.summary() + " (root cause: " + resolution.rootCause() + ")",
        Map.of());
  }

  String resolvedBy() {
    return resolvedBy;
  }

  long resolvedAt() {
    return resolvedAt;
  }

  String resolutionSummary() {
    return resolutionSummary;
  }

  String rootCause() {
    return rootCause;
  }

  /** A firing within the cool-down: the incident is open again, its clocks start over from now. */
  void reopen(AlertOccurrence occurrence) {
    reopened++;
    status = IncidentStatus.INVESTIGATING;
    phase = "Phase 1: Detection and Triage";
    resolvedBy = "";
    resolvedAt = 0;
    acknowledgedBy = "";
    acknowledgedAt = 0;
    scenariosTried.clear();
    openedAt = Workflow.currentTimeMillis();
    firedEscalations.clear();
    missedResponses = 0;
    onCallPaged = false;
    changes++;
    record(Kind.REOPENED, occurrence.source(), "Re-opened within the cool-down (flapping): " + occurrence.summary(), Map.of());
  }

  int reopened() {
    return reopened;
  }

  int changes() {
    return changes;
  }

  void changed() {
    changes++;
  }

  // --- views

  IncidentState state(String currentStep, long nextEscalationAt, String nextEscalationTo, long nextUpdateAt,
      String escalatedTo) {
    return new IncidentState(key, type.jsonName(), request.environment(), request.summary(),
        severity == null ? "" : severity.name(), status, phase, currentStep, request.source(), request.hosts(), startedAt,
        acknowledgedBy, acknowledgedAt, escalatedTo, nextEscalationAt, nextEscalationTo, nextUpdateAt, occurrences,
        notifications, pendingApprovals(), resolveCandidates, resolvedBy, resolvedAt, reopened, actionsTaken);
  }

  IncidentSummary summary() {
    return new IncidentSummary(key, type.jsonName(), request.environment(), severity == null ? "" : severity.name(),
        status.word(), request.summary(), startedAt, acknowledgedBy);
  }

  IncidentCarryOver carryOver(IncidentState state) {
    return new IncidentCarryOver(state, timeline, lastUpdateAt, List.copyOf(firedEscalations), missedResponses,
        List.copyOf(episodes), scenariosTried, onCallPaged, rootCause, resolutionSummary, openedAt);
  }
}
