package io.spacetime.runbook.core;

import java.util.List;

/**
 * One step of a run as it ended (or stands): its runbook id and title, host, status, a one-line
 * summary, the gates it checked and the evidence they saw, and what it did about each item of the
 * runbook's verification list for the step.
 *
 * @param startedAt workflow time, epoch milliseconds
 * @param items each verification item of the step: checked (and how it went) or not checked, and why
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
    long finishedAt,
    List<ItemCheck> items) {

  public StepResult {
    host = host == null ? "" : host;
    summary = summary == null ? "" : summary;
    gates = gates == null ? List.of() : List.copyOf(gates);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** A step record without verification items (a note, an undo). */
  public StepResult(String id, String title, String host, StepStatus status, String summary, List<GateResult> gates,
      List<Evidence> evidence, long startedAt, long finishedAt) {
    this(id, title, host, status, summary, gates, evidence, startedAt, finishedAt, List.of());
  }

  /** The longest summary a run's result carries per step; the full text is in the report. */
  static final int RESULT_SUMMARY_CHARS = 300;

  /**
   * This step as a run's result lists it: without its gates and evidence, and with its summary (cut
   * to {@value #RESULT_SUMMARY_CHARS} characters) only when it did not simply pass; the report has
   * the rest.
   */
  public StepResult withoutDetail() {
    String shortSummary = status == StepStatus.PASSED ? ""
        : summary.length() <= RESULT_SUMMARY_CHARS ? summary : summary.substring(0, RESULT_SUMMARY_CHARS) + "…";
    return new StepResult(id, title, host, status, shortSummary, List.of(), List.of(), startedAt, finishedAt, List.of());
  }

  /**
   * This step as a rollout's deployment keeps a host's step that passed: its gates, items and
   * summary, without the evidence (which stays in the host's own workflow, its {@code report} query).
   */
  public StepResult withoutEvidenceIfPassed() {
    return status == StepStatus.PASSED || status == StepStatus.SKIPPED
        ? new StepResult(id, title, host, status, summary, gates, List.of(), startedAt, finishedAt, items) : this;
  }

  public String label() {
    return new Step(id, title).labelOn(host);
  }
}
