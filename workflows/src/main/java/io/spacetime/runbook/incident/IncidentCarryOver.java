package io.spacetime.runbook.incident;

import java.util.List;

/**
 * What a long incident takes into its next run when it continues as new (history bounded): its
 * state, its whole timeline and where its clocks stand.
 *
 * @param lastUpdateAt when the last status update went out (the cadence continues from it)
 * @param firedEscalations the automatic escalations already done, as "P1@PT30M", so none repeats
 * @param missedResponses how many response targets passed unacknowledged (each escalated once)
 * @param episodes the alert episodes seen, so a repeat after the hand-over is still a duplicate
 * @param scenariosTried the resolution scenarios already tried, so investigation picks the next one
 * @param openedAt where the escalation clocks count from (the start, or the last re-opening)
 */
public record IncidentCarryOver(IncidentState state, List<TimelineEvent> timeline, long lastUpdateAt,
    List<String> firedEscalations, int missedResponses, List<String> episodes, List<String> scenariosTried,
    boolean onCallPaged, String rootCause, String resolutionSummary, long openedAt) {

  public IncidentCarryOver {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    firedEscalations = firedEscalations == null ? List.of() : List.copyOf(firedEscalations);
    episodes = episodes == null ? List.of() : List.copyOf(episodes);
    scenariosTried = scenariosTried == null ? List.of() : List.copyOf(scenariosTried);
    rootCause = rootCause == null ? "" : rootCause;
    resolutionSummary = resolutionSummary == null ? "" : resolutionSummary;
  }
}
