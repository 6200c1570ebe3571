package io.spacetime.runbook.core;

import java.util.List;

/**
 * What one procedure of the engine implements of a Markdown runbook, for the drift check
 * ({@code ./runbook runbooks coverage}): every step it can record, the runbook's items it carries
 * out through other parts (a procedure by its steps, an acknowledgement by an Update), and the
 * runbook's items it deliberately does not check, each with why.
 *
 * <p>The Java workflows build theirs from the same constants they record their steps with
 * ({@code DeploymentSteps}, {@code RollbackSteps}, {@code IncidentSteps}), so the catalogue cannot
 * claim a step the workflow does not record. A declarative runbook document (steps with an
 * {@code id} and a {@code title}) gives one the same way: {@code new Step(id, title)} per step.
 *
 * @param procedure how the report names this procedure ("deployment", "incident disk-space", a document's name)
 * @param runbook the Markdown file it implements, by file name ("RUNBOOK_DEPLOYMENT.md")
 * @param section the heading of that file it implements, as the page writes it ("Incident 7: Disk Space
 *     Exhaustion"); empty for the whole file. Items under a heading that some catalogue names are
 *     mapped to that catalogue only, so two procedures with the same step numbers do not mix.
 * @param steps every step the procedure can record, with their verification items
 * @param covers the runbook's items it carries out through something other than one step of
 *     that name ("Deployment Procedure": Steps 1-10, host by host), each with what does it
 * @param notChecked the runbook's items (a step's label, a verification item, or a heading for all
 *     that is under it) that the procedure deliberately leaves to people, each with why
 */
public record StepCatalogue(String procedure, String runbook, String section, List<Step> steps, List<Covered> covers,
    List<NotChecked> notChecked) {

  public StepCatalogue {
    section = section == null ? "" : section;
    steps = List.copyOf(steps);
    covers = List.copyOf(covers);
    notChecked = List.copyOf(notChecked);
  }

  /**
   * A runbook item the procedure carries out through other parts.
   *
   * @param item the item as the runbook writes it, without its duration ("Phase 3: Mitigation")
   * @param by what does it, for a person reading the table ("the scenario the evidence calls for")
   */
  public record Covered(String item, String by) {}

  public static Covered covered(String item, String by) {
    return new Covered(item, by);
  }

  /**
   * A runbook item the engine does not check, and why ("a person's call: ...").
   *
   * @param item the item as the runbook writes it, without its duration ("Step 1: Acknowledge Alert")
   */
  public record NotChecked(String item, String reason) {}

  public static NotChecked notChecked(String item, String reason) {
    return new NotChecked(item, reason);
  }
}
