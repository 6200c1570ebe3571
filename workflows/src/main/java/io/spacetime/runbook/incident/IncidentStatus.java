package io.spacetime.runbook.incident;

/** Where an incident stands, as the UPDATE template's "Status" and the state query say it. */
public enum IncidentStatus {
  /** Triage and investigation: collecting evidence. */
  INVESTIGATING("Investigating"),
  /** A scenario is picked from the evidence (the root cause is identified). */
  IDENTIFIED("Identified"),
  /** Resolution procedures running, or waiting for approval. */
  FIXING("Fixing"),
  /** A fix is verified; watching for recurrence until a person resolves. */
  MONITORING("Monitoring"),
  /** Automatic procedures are exhausted; people must act (escalated). */
  NEEDS_PEOPLE("Needs people"),
  /** Resolved by a person; within the cool-down a new firing re-opens it. */
  RESOLVED("Resolved");

  private final String word;

  IncidentStatus(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
