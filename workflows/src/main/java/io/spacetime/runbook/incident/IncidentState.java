package io.spacetime.runbook.incident;

import java.util.List;

/**
 * The {@code state} query: everything a responder (or the intake's {@code GET /v1/incidents/{id}})
 * needs at a glance. Times are epoch milliseconds of workflow time, 0 when not (yet) set.
 *
 * @param key the incident's key, which is its workflow id
 * @param phase the runbook's Incident Response Process phase: "Phase 2: Investigation"
 * @param escalatedTo the highest level of the escalation path reached, with the person's name
 * @param occurrences distinct firings of its alert (episodes), and {@code notifications} every report received
 * @param nextEscalationAt when the next escalation fires if nothing changes, and to whom ({@code nextEscalationTo})
 * @param resolveCandidates alerts that reported resolved: offered to a person, never resolving alone
 * @param reopened how many times a firing within the cool-down re-opened it
 */
public record IncidentState(
    String key, String type, String environment, String summary, String severity, IncidentStatus status, String phase,
    String currentStep, String source, List<String> hosts, long startedAt, String acknowledgedBy, long acknowledgedAt,
    String escalatedTo, long nextEscalationAt, String nextEscalationTo, long nextUpdateAt, int occurrences,
    int notifications, List<PendingApproval> pendingApprovals, List<String> resolveCandidates, String resolvedBy,
    long resolvedAt, int reopened, List<String> actionsTaken) {

  public IncidentState {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    pendingApprovals = pendingApprovals == null ? List.of() : List.copyOf(pendingApprovals);
    resolveCandidates = resolveCandidates == null ? List.of() : List.copyOf(resolveCandidates);
    actionsTaken = actionsTaken == null ? List.of() : List.copyOf(actionsTaken);
  }
}
