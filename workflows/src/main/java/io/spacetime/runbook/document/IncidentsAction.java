package io.spacetime.runbook.document;

/**
 * {@code incidents}: reads this engine's own history, the incidents (IncidentWorkflow runs) of the
 * run's environment, as evidence: those opened within {@code openedWithin} and/or those still open.
 * With {@code max}, more than that many fails the step (a daily check's "no incident left open").
 *
 * @param openedWithin a duration ({@code 24h}): only incidents opened that recently; empty: any time
 * @param stillOpen only incidents whose run is still open
 * @param max the most incidents allowed; null: the list is evidence only, the step passes
 */
public record IncidentsAction(String openedWithin, Boolean stillOpen, Integer max) {

  public IncidentsAction {
    openedWithin = openedWithin == null ? "" : openedWithin;
    stillOpen = stillOpen != null && stillOpen;
  }

  /** "opened in the last 24h and still open", for the report. */
  public String describe() {
    String opened = openedWithin.isEmpty() ? "" : "opened in the last " + openedWithin;
    String open = stillOpen ? "still open" : "";
    return opened.isEmpty() ? open : open.isEmpty() ? opened : opened + " and " + open;
  }
}
