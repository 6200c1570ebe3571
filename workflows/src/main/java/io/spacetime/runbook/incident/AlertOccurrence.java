package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;
import java.util.Map;

/**
 * One report of the incident's alert, sent by the intake with signal-with-start (so it is accepted
 * even while no worker runs): a firing joins the incident (or re-opens it within the cool-down), a
 * resolved one is recorded and offered as a resolve candidate, never resolving it alone.
 *
 * @param status {@code firing} or {@code resolved}
 * @param episode what tells two firings apart: the alert's {@code startsAt} (one label set fires,
 *     resolves and fires again under one fingerprint); a repeat of the same episode is a duplicate
 * @param receivedAt when the intake received it (ISO-8601), for the timeline
 */
public record AlertOccurrence(String status, String fingerprint, String episode, String summary, String source,
    Map<String, String> labels, String receivedAt) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";

  public AlertOccurrence {
    fingerprint = fingerprint == null ? "" : fingerprint;
    episode = episode == null ? "" : episode;
    summary = summary == null ? "" : summary;
    source = source == null ? "" : source;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    receivedAt = receivedAt == null ? "" : receivedAt;
  }

  public boolean firing() {
    return FIRING.equals(status);
  }

  public void validate() {
    InputRules.check()
        .require(FIRING.equals(status) || RESOLVED.equals(status), "status must be \"firing\" or \"resolved\"")
        .require(episode.length() <= 100, "episode is at most 100 characters")
        .text("summary", summary, false)
        .orThrow("alert");
  }
}
