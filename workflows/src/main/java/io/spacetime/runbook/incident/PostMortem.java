package io.spacetime.runbook.incident;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The runbook's Post-Mortem Template filled from the workflow's own events: the Timeline from the
 * timeline (detection, acknowledgements, escalations, actions with their evidence, resolution),
 * duration, severity and responders; what only people know (impact figures, what went well or
 * wrong, action items, lessons) is left as the template's prompts.
 */
final class PostMortem {

  private PostMortem() {}

  static String draft(Incident incident, long now) {
    long end = incident.resolved() ? incident.resolvedAt() : now;
    String duration = IncidentMessages.duration(end - incident.startedAt()) + (incident.resolved() ? "" : " (still open)");
    String responders = incident.responders().isEmpty() ? "[List of people involved]" : String.join(", ", incident.responders());
    String rootCause = incident.rootCause().isEmpty() ? "[Detailed explanation of what caused the incident]" : incident.rootCause();
    return String.join("\n",
        "# Incident Post-Mortem",
        "",
        "**Incident:** " + IncidentMessages.title(incident) + " (" + incident.key + ")",
        "**Date:** " + IncidentMessages.time(incident.startedAt()),
        "**Duration:** " + duration,
        "**Severity:** " + IncidentMessages.severityLabel(incident),
        "**Responders:** " + responders,
        "",
        "## Summary",
        incident.request.summary() + "." + (incident.resolutionSummary().isEmpty() ? "" : " " + incident.resolutionSummary() + ".")
            + " Runbook: " + incident.type.runbookTitle() + " (RUNBOOK_INCIDENTS.md).",
        "",
        "## Timeline",
        "| Time (UTC) | Event |",
        "|------|-------|",
        timeline(incident.timeline(), incident.droppedEvents()),
        "",
        "## Root Cause",
        rootCause,
        "",
        "## Impact",
        "- **User Impact:** " + Impacts.of(incident.type),
        "- **Duration:** " + duration,
        "- **Affected Users:** [Number or percentage]",
        "- **Data Loss:** [Yes/No, details]",
        "- **Revenue Impact:** [If applicable]",
        "",
        "## What Went Well",
        "- [Things that worked well during response]",
        "",
        "## What Went Wrong",
        "- [Issues encountered during response]",
        "",
        "## Action Items",
        "| Action | Owner | Due Date | Status |",
        "|--------|-------|----------|--------|",
        "| [Action] | [Owner] | [Due date] | Open |",
        "",
        "## Lessons Learned",
        "- [Key takeaways]",
        "",
        "## Prevention",
        "[Steps taken to prevent recurrence]",
        "");
  }

  private static String timeline(List<TimelineEvent> events, int dropped) {
    String rows = events.stream().map(PostMortem::row).collect(Collectors.joining("\n"));
    return dropped == 0 ? rows : rows + "\n| | (" + dropped + " older events not kept) |";
  }

  private static String row(TimelineEvent e) {
    String evidence = e.evidence().isEmpty() ? "" : " (" + e.evidence().entrySet().stream()
        .map(x -> x.getKey() + ": " + x.getValue()).collect(Collectors.joining("; ")) + ")";
    String by = e.by().isEmpty() || e.by().equals("engine") ? "" : " — " + e.by();
    return "| " + IncidentMessages.clock(e.at()) + " | " + cell(e.text() + evidence + by) + " |";
  }

  /** A table cell: no line breaks or pipes from free text. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
