package io.spacetime.runbook.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The runbook's "Incident Communication Templates" (Appendix) filled from the incident's state:
 * the INCIDENT alert, the UPDATE and the RESOLVED message. Pure text; times are UTC.
 */
final class IncidentMessages {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private IncidentMessages() {}

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** "12-02 10:04:31": a timeline row's time (the post-mortem's header carries the date and zone). */
  static String clock(long epochMillis) {
    return CLOCK.format(Instant.ofEpochMilli(epochMillis));
  }

  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** "1 h 05 min", "12 min", "40 s". */
  static String duration(long millis) {
    Duration d = Duration.ofMillis(Math.max(0, millis));
    if (d.toHours() > 0) {
      return d.toHours() + " h " + String.format("%02d", d.toMinutesPart()) + " min";
    }
    return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  /** "High Error Rate on production: 5xx at 7 %". */
  static String title(Incident incident) {
    String runbookTitle = incident.type.runbookTitle();
    String name = runbookTitle.substring(runbookTitle.indexOf(':') + 1).trim();
    return name + " on " + incident.request.environment() + ": " + incident.request.summary();
  }

  /** Initial Alert Template. */
  static String initial(Incident incident, String investigating, List<String> known, List<String> checking, long nextUpdateAt) {
    return String.join("\n",
        "🚨 INCIDENT: " + title(incident),
        "",
        "Severity: " + severityLabel(incident),
        "Impact: " + Impacts.of(incident.type),
        "Status: " + incident.status().word(),
        "Investigating: @" + investigating,
        "Started: " + time(incident.startedAt()),
        "",
        "Current Status:",
        bullets(known),
        bullets(checking.stream().map(c -> "Checking: " + c).toList()),
        "",
        "Next Update: " + next(nextUpdateAt),
        "Incident: " + incident.key);
  }

  /** Progress Update Template. */
  static String update(Incident incident, long now, List<String> found, String currentAction, long nextUpdateAt) {
    return String.join("\n",
        "📊 UPDATE: " + title(incident),
        "",
        "Time: " + time(now) + " (Duration: " + duration(now - incident.startedAt()) + ")",
        "Status: " + incident.status().word(),
        "",
        "Progress:",
        bullets(found.stream().map(f -> "Found: " + f).toList()),
        bullets(incident.actionsTaken().stream().map(a -> "Done: " + a).toList()),
        "- Current action: " + (currentAction.isEmpty() ? "none" : currentAction),
        "",
        "Impact: " + (incident.status() == IncidentStatus.MONITORING ? "fix verified, monitoring for recurrence"
            : Impacts.of(incident.type)),
        "Acknowledged: " + (incident.acknowledged() ? "@" + incident.acknowledgedBy() : "not yet"),
        "Next Update: " + next(nextUpdateAt),
        "Incident: " + incident.key);
  }

  /** Resolution Template. */
  static String resolved(Incident incident) {
    long postMortemBy = incident.resolvedAt() + Duration.ofHours(48).toMillis();
    List<String> thanks = incident.responders();
    return String.join("\n",
        "✅ RESOLVED: " + title(incident),
        "",
        "Total Duration: " + duration(incident.resolvedAt() - incident.startedAt()),
        "Severity: " + severityLabel(incident),
        "",
        "Summary:",
        incident.request.summary() + ". " + incident.resolutionSummary() + ".",
        "",
        "Root Cause: " + incident.rootCause(),
        "Resolution: " + incident.resolutionSummary()
            + (incident.actionsTaken().isEmpty() ? "" : " (actions: " + String.join("; ", incident.actionsTaken()) + ")"),
        "",
        "Next Steps:",
        "- Post-mortem scheduled: by " + time(postMortemBy) + " (within 48 hours); draft: ./runbook incident postmortem " + incident.key,
        "- Action items: see the post-mortem draft",
        "",
        thanks.isEmpty() ? "" : "Thanks to " + String.join(", ", thanks.stream().map(t -> "@" + t).toList()) + " for rapid response.");
  }

  static String severityLabel(Incident incident) {
    return incident.severity().map(Severity::label).orElse("not assessed yet");
  }

  private static String next(long at) {
    return at <= 0 ? "as needed" : time(at);
  }

  private static String bullets(List<String> lines) {
    return String.join("\n", lines.stream().map(l -> "- " + l).toList());
  }
}
