package io.spacetime.runbook.incident;

import java.util.Map;

/**
 * One line of the incident's timeline (and of the post-mortem's Timeline table), from the
 * workflow's own events: detected, acknowledged by whom, each escalation, each action with its
 * evidence, resolved.
 *
 * @param at workflow time, epoch milliseconds
 * @param kind what happened ({@link Kind})
 * @param by who: a person, {@code engine}, or the alert source
 * @param evidence what the action saw or changed, by name (bounded)
 */
public record TimelineEvent(long at, Kind kind, String by, String text, Map<String, String> evidence) {

  public TimelineEvent {
    by = by == null ? "" : by;
    text = text == null ? "" : text;
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }

  /** The kinds of events a timeline holds. */
  public enum Kind {
    DETECTED, SEVERITY, NOTIFIED, PAGED, ESCALATED, ACKNOWLEDGED, NOTE, INVESTIGATION, ACTION, APPROVAL_REQUESTED,
    APPROVED, REJECTED, APPROVAL_TIMED_OUT, VERIFIED, VERIFICATION_FAILED, ALERT, RESOLVED, REOPENED, STATUS_UPDATE
  }
}
