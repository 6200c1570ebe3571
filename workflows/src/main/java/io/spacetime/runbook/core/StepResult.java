package io.spacetime.runbook.core;

import java.util.List;

/**
 * One step of a run as it ended (or stands): its runbook id and title, host, status, a one-line
 * summary, the gates it checked and the evidence they saw.
 *
 * @param startedAt workflow time, epoch milliseconds
 */
public record StepResult(
    String id,
    String title,
    String host,
    StepStatus status,
    String summary,
    List<GateResult> gates,
    List<Evidence> evidence,
    long startedAt,
    long finishedAt) {

  public StepResult {
    host = host == null ? "" : host;
    summary = summary == null ? "" : summary;
    gates = gates == null ? List.of() : List.copyOf(gates);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public String label() {
    return new Step(id, title).labelOn(host);
  }
}
