package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import io.spacetime.runbook.ports.notify.Page;
import io.spacetime.runbook.ports.notify.PagingSettings;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Telling people: the incident channel's messages and PagerDuty pages. Handlers and the response
 * only queue what must be said ({@link #queueNotice}, {@link #escalate}); the workflow's main loop
 * sends the queue ({@link #flush}), so an Update is answered at once and a slow webhook never holds
 * up a person. Every delivery, and every failure to deliver, is on the timeline.
 */
final class Responders {

  private final Incident incident;
  private final ActivityStubs stubs = ActivityStubs.summarised("Incident: tell people");
  private final List<Runnable> outbox = new ArrayList<>();
  private Environment environment;

  Responders(Incident incident) {
    this.incident = incident;
  }

  /** Once the environment is loaded: its channel, webhook, PagerDuty key and escalation path. */
  void environment(Environment environment) {
    this.environment = environment;
  }

  IncidentSettings settings() {
    return environment == null ? IncidentSettings.runbookDefaults() : environment.incident();
  }

  /** "Engineering Manager (carol)", or the level's title where the environment names nobody. */
  String who(EscalationLevel level) {
    String name = settings().escalationPath().getOrDefault(level.key(), "");
    return name.isEmpty() ? level.title() : level.title() + " (" + name + ")";
  }

  /** The handle the INCIDENT message names as investigating. */
  String onCallHandle() {
    String name = settings().escalationPath().getOrDefault(EscalationLevel.ON_CALL.key(), "");
    return name.isEmpty() ? "on-call" : name;
  }

  void queueNotice(String severity, String title, String text) {
    outbox.add(() -> notice(severity, title, text));
  }

  void queuePage(String action, String who, String summary) {
    outbox.add(() -> page(action, who, summary));
  }

  /** Escalates to {@code to} (if higher than now): timeline, a message to the channel and a page. */
  boolean escalate(EscalationLevel to, String by, String reason) {
    if (!incident.escalateTo(to)) {
      return false;
    }
    String who = who(to);
    incident.record(Kind.ESCALATED, by, "Escalated to " + who + ": " + reason, Map.of());
    queueNotice(Notice.CRITICAL, "Escalated to " + who + ": " + IncidentMessages.title(incident),
        "⬆️ ESCALATED: " + IncidentMessages.title(incident) + "\nTo: " + who + "\nWhy: " + reason + "\nSeverity: "
            + IncidentMessages.severityLabel(incident) + "\nIncident: " + incident.key);
    queuePage(Page.TRIGGER, who, "Escalated to " + who + ": " + IncidentMessages.title(incident) + " (" + reason + ")");
    return true;
  }

  boolean hasQueued() {
    return !outbox.isEmpty();
  }

  /** Sends everything queued, in order. Workflow main thread only. */
  void flush() {
    while (!outbox.isEmpty()) {
      outbox.remove(0).run();
    }
  }

  private void notice(String severity, String title, String text) {
    NotificationSettings base = environment == null ? NotificationSettings.consoleOnly() : environment.notifications();
    NotificationSettings settings = new NotificationSettings(base.console(), base.webhookUrlEnv(), settings().channel());
    try {
      Delivery delivery = stubs.notification(NotificationActivities.class)
          .notify(settings, new Notice(incident.request.environment(), severity, title, text, incident.key));
      incident.record(Kind.NOTIFIED, "engine", title + " (to " + settings.channel() + ")",
          Map.of("delivered to", String.join(", ", delivery.channels())));
    } catch (ActivityFailure e) {
      incident.record(Kind.NOTIFIED, "engine", "NOT delivered: " + title, Map.of("why", Failures.describe(e)));
    }
  }

  private void page(String action, String who, String summary) {
    PagingSettings paging = settings().paging();
    String severity = incident.severity().map(Severity::pagerSeverity).orElse("error");
    try {
      Delivery delivery = stubs.paging(NotificationActivities.class).page(paging, new Page(action, incident.key,
          summary, severity, incident.request.environment(), who, Map.of("type", incident.type.jsonName(),
              "incident", incident.key)));
      incident.record(Kind.PAGED, "engine", "PagerDuty " + action + (who.isEmpty() ? "" : " (" + who + ")") + ": " + summary,
          Map.of("delivered to", String.join(", ", delivery.channels())));
    } catch (ActivityFailure e) {
      incident.record(Kind.PAGED, "engine", "page NOT delivered (" + action + "): " + summary,
          Map.of("why", Failures.describe(e)));
    }
  }

  static long now() {
    return Workflow.currentTimeMillis();
  }
}
