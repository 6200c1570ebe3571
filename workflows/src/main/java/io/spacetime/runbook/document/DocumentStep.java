package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of a document: its {@code id} and {@code title} as the Markdown runbook numbers and names
 * it, exactly one action (the operations documents' {@code incidents}, {@code prometheus} and
 * {@code note} among them; {@code wait} and {@code notify} are {@link #pause} and {@link #notice} here:
 * Java's records cannot name a component after {@code Object}'s methods), what undoes it (changing steps only), and what a failure means.
 *
 * @param onFailure {@code rollback} (the default: undo every earlier change in reverse),
 *     {@code abort} (stop, leave the changes), {@code continue} (record the failure, go on) or
 *     {@code incident} (open the incident of {@code incidentType} with the failure, then go on)
 * @param incidentType the incident type a failure opens: required with {@code onFailure: incident}, and with
 *     {@code rollback} or {@code abort} opened before the run stops
 * @param alert the alert a failure raises ({@code BACKUP_FAILED}, {@code CERTIFICATE_EXPIRING}: RUNBOOK_MONITORING's
 *     catalogue names), a critical notice sent before what {@code onFailure} says
 */
public record DocumentStep(
    String id, String title, RunAction run, HttpAction http, CheckAction check, ApproveAction approve,
    @JsonProperty("wait") WaitAction pause, @JsonProperty("notify") NotifyAction notice, IncidentAction incident,
    @JsonProperty("runbook") ChildAction child, IncidentsAction incidents, PrometheusAction prometheus, NoteAction note,
    CommandUndo undo, String onFailure, String incidentType, ElapsedAction elapsed, String alert) {

  public static final String ROLLBACK = "rollback";
  public static final String ABORT = "abort";
  public static final String CONTINUE = "continue";
  public static final String INCIDENT = "incident";

  public DocumentStep {
    id = id == null ? "" : id;
    title = title == null ? "" : title;
    onFailure = onFailure == null ? ROLLBACK : onFailure;
    incidentType = incidentType == null ? "" : incidentType;
    alert = alert == null ? "" : alert;
  }

  /** A failure of this step is reported (an alert, an incident) before the run stops or goes on. */
  public boolean reportsFailure() {
    return !alert.isEmpty() || !incidentType.isEmpty();
  }

  /** A failure of this step does not stop the run: it is recorded (and, with incident, reported). */
  public boolean goesOnAfterFailure() {
    return onFailure.equals(CONTINUE) || onFailure.equals(INCIDENT);
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
    if (notice != null) {
      return "notify";
    }
    if (incident != null) {
      return "incident";
    }
    if (incidents != null) {
      return "incidents";
    }
    if (prometheus != null) {
      return "prometheus";
    }
    if (note != null) {
      return "note";
    }
    if (elapsed != null) {
      return "elapsed";
    }
    return child != null ? "runbook" : "";
  }
}
