package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of a document: its {@code id} and {@code title} as the Markdown runbook numbers and names
 * it, exactly one action ({@code wait} and {@code notify} are {@link #pause} and {@link #notice} here:
 * Java's records cannot name a component after {@code Object}'s methods), what undoes it (changing steps only), and what a failure means.
 *
 * @param onFailure {@code rollback} (the default: undo every earlier change in reverse),
 *     {@code abort} (stop, leave the changes) or {@code continue} (record the failure, go on)
 */
public record DocumentStep(
    String id, String title, RunAction run, HttpAction http, CheckAction check, ApproveAction approve,
    @JsonProperty("wait") WaitAction pause, @JsonProperty("notify") NotifyAction notice, CommandUndo undo,
    String onFailure) {

  public static final String ROLLBACK = "rollback";
  public static final String ABORT = "abort";
  public static final String CONTINUE = "continue";

  public DocumentStep {
    id = id == null ? "" : id;
    title = title == null ? "" : title;
    onFailure = onFailure == null ? ROLLBACK : onFailure;
  }

  /** The action's name as the document writes it. */
  public String action() {
    if (run != null) {
      return "run";
    }
    if (http != null) {
      return "http";
    }
    if (check != null) {
      return "check";
    }
    if (approve != null) {
      return "approve";
    }
    if (pause != null) {
      return "wait";
    }
    return notice != null ? "notify" : "";
  }
}
