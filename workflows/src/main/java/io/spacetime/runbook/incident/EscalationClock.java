package io.spacetime.runbook.incident;

import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The incident's clocks, planned from its state every time something changes, so a severity change
 * re-plans every timer and an acknowledgement or a resolution cancels what it stops before it can
 * fire:
 *
 * <ul>
 *   <li>"Immediately page on-call engineer" for P0 and P1;</li>
 *   <li>"Escalate Automatically At" (P0: manager at 15 min, director at 30 min; P1: senior at 30 min,
 *       manager at 1 h; P2: senior at 4 h), counted from the start: the table decides when;</li>
 *   <li>the "Initial Response" target (P0 5 min, P1 15 min, P2 1 h, P3 4 h): an incident not
 *       acknowledged within it escalates once to the next level of the Primary Escalation Path (the
 *       path decides who); an acknowledgement stops it;</li>
 *   <li>"Status Updates" at the severity's cadence (P0 15 min, P1 30 min, P2 2 h, P3 daily).</li>
 * </ul>
 * Resolution stops all of them. Pure planning over workflow time; firing only queues messages.
 */
final class EscalationClock {

  /** Something due at {@code at} (epoch ms of workflow time). */
  record Due(long at, String what, Runnable fire) {}

  private final Incident incident;
  private final Responders responders;
  private final Supplier<String> progress;

  /** @param progress what the response is doing now, for the UPDATE message */
  EscalationClock(Incident incident, Responders responders, Supplier<String> progress) {
    this.incident = incident;
    this.responders = responders;
    this.progress = progress;
  }

  /** Every event due if nothing changes, soonest first. */
  List<Due> plan() {
    List<Due> due = new ArrayList<>();
    Optional<Severity> known = incident.severity();
    if (incident.resolved() || known.isEmpty()) {
      return due;
    }
    Severity severity = known.get();
    long start = incident.openedAt();
    if (severity.pagesAtOnce() && !incident.onCallPaged()) {
      due.add(new Due(start, "page " + responders.who(EscalationLevel.ON_CALL), this::pageOnCall));
    }
    for (Severity.Automatic automatic : severity.automaticEscalations()) {
      String key = severity.name() + "@" + automatic.after();
      if (!incident.firedEscalations().contains(key) && automatic.to().above(incident.level())) {
        due.add(new Due(start + automatic.after().toMillis(), "escalate to " + responders.who(automatic.to()),
            () -> automatic(severity, automatic, key)));
      }
    }
    if (!incident.acknowledged() && incident.missedResponses() == 0) {
      severity.responseTarget().ifPresent(target -> {
        long at = start + target.toMillis();
        due.add(new Due(at, "escalate to " + responders.who(incident.level().next()) + " if not acknowledged",
            () -> responseMissed(severity, target)));
      });
    }
    severity.statusCadence().ifPresent(cadence -> due.add(new Due(incident.lastUpdateAt() + cadence.toMillis(),
        "status update", this::statusUpdate)));
    due.sort(Comparator.comparingLong(Due::at));
    return due;
  }

  Optional<Due> next() {
    List<Due> due = plan();
    return due.isEmpty() ? Optional.empty() : Optional.of(due.get(0));
  }

  /** When the next status update goes out, 0 when none is planned. */
  long nextUpdateAt() {
    return incident.severity().flatMap(Severity::statusCadence)
        .filter(c -> !incident.resolved())
        .map(c -> incident.lastUpdateAt() + c.toMillis()).orElse(0L);
  }

  /** Fires everything due at or before {@code now}; each firing changes the plan, so plan again after each. */
  void fireDue(long now) {
    for (int guard = 0; guard < 100; guard++) {
      Optional<Due> next = next();
      if (next.isEmpty() || next.get().at() > now) {
        return;
      }
      next.get().fire().run();
    }
  }

  private void pageOnCall() {
    incident.onCallPaged(true);
    incident.changed();
    String who = responders.who(EscalationLevel.ON_CALL);
    responders.queuePage(Page.TRIGGER, who, IncidentMessages.title(incident));
  }

  private void automatic(Severity severity, Severity.Automatic automatic, String key) {
    incident.firedEscalations().add(key);
    incident.changed();
    responders.escalate(automatic.to(), "engine", severity.name() + " not resolved after "
        + IncidentMessages.duration(automatic.after().toMillis()) + " (Escalate Automatically At)");
  }

  private void responseMissed(Severity severity, Duration target) {
    incident.responseMissed();
    incident.changed();
    String why = "not acknowledged within the " + severity.name() + " initial response target of "
        + IncidentMessages.duration(target.toMillis());
    if (!responders.escalate(incident.level().next(), "engine", why)) {
      incident.record(Kind.ESCALATED, "engine", "Escalation due (" + why + "), but the incident is already at the top"
          + " of the escalation path (" + responders.who(incident.level()) + ")", Map.of());
    }
  }

  private void statusUpdate() {
    long now = Responders.now();
    incident.updated();
    incident.changed();
    long nextAt = nextUpdateAt();
    incident.record(Kind.STATUS_UPDATE, "engine", "Status update: " + incident.status().word(), Map.of());
    responders.queueNotice(Notice.WARNING, "UPDATE: " + IncidentMessages.title(incident),
        IncidentMessages.update(incident, now, List.of(incident.request.summary()), progress.get(), nextAt));
  }
}
