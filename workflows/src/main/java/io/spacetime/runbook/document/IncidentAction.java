package io.spacetime.runbook.document;

/**
 * {@code incident}: opens the incident of {@code type} on the run's environment (or joins the open
 * one: one incident per type and environment), with {@code summary} (declared parameters replaced).
 *
 * @param type one of the incident runbook's types ({@code high-error-rate}, {@code disk-space}, ...)
 * @param severity P0..P4; empty: the incident assesses it from what it measures
 */
public record IncidentAction(String type, String summary, String severity) {

  public IncidentAction {
    summary = summary == null ? "" : summary;
    severity = severity == null ? "" : severity;
  }
}
