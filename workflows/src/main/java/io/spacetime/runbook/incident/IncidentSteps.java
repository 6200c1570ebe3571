package io.spacetime.runbook.incident;

import static io.spacetime.runbook.core.StepCatalogue.covered;
import static io.spacetime.runbook.core.StepCatalogue.notChecked;

import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import java.util.ArrayList;
import java.util.List;

/**
 * What incident response records, for the drift check ({@code ./runbook runbooks coverage}): the
 * Incident Response Process's own steps, and per type of the seven "Common Incidents" its
 * playbook's steps and scenarios, taken from the playbook itself (the steps it begins, the
 * scenarios it tries), so the catalogue cannot name a step the response does not record.
 */
public final class IncidentSteps {

  private IncidentSteps() {}

  private static final String RUNBOOK = "RUNBOOK_INCIDENTS.md";

  /** The response process's catalogue first, then one per incident type, in the runbook's order. */
  public static List<StepCatalogue> catalogues() {
    List<StepCatalogue> out = new ArrayList<>(List.of(process()));
    for (IncidentType type : IncidentType.values()) {
      out.add(of(type));
    }
    return out;
  }

  private static StepCatalogue process() {
    return new StepCatalogue("incident", RUNBOOK, "",
        List.of(IncidentResponse.LOAD, IncidentResponse.ASSESS, IncidentResponse.ROOT_CAUSE),
        List.of(
            covered("Escalation Procedures", "the escalation clock (the path's levels and times per severity)"
                + " and the escalateNow Update"),
            covered("Step 1: Acknowledge Alert", "the acknowledge Update; it stops the unacknowledged escalation"),
            covered("Step 3: Initial Communication", "the INCIDENT notice to the team, after triage"),
            covered("Phase 2: Investigation", "the type's Investigation Steps"),
            covered("Step 4: Gather Information", "the type's Investigation Steps, each with its evidence"),
            covered("Phase 3: Mitigation", "the first scenario the evidence calls for and not tried yet"),
            covered("Step 6: Implement Fix", "the scenario's step (risky actions wait for an approve Update)"),
            covered("Step 7: Verify Resolution", "the type's Verification Steps as gates"),
            covered("Phase 4: Recovery", "MONITORING after a verified fix, until the resolve Update"),
            covered("Step 9: Communication", "the RESOLVED notice when a person resolves"),
            covered("Phase 5: Post-Incident", "the postMortem query: the runbook's template filled from the timeline")),
        List.of(
            notChecked("Step 8: Full Recovery", "a person judges the system fully operational before resolving"),
            notChecked("Step 10: Post-Incident Review", "a meeting of people; the engine drafts the post-mortem"),
            notChecked("Step 11: Follow-Up", "action items are tracked by people")));
  }

  private static StepCatalogue of(IncidentType type) {
    Playbook playbook = Playbooks.of(type);
    List<Step> steps = new ArrayList<>(playbook.steps());
    playbook.scenarios().forEach(s -> steps.add(s.step()));
    List<StepCatalogue.Covered> covers = new ArrayList<>(playbook.covers());
    covers.add(covered("Resolution Procedures", "the first scenario the evidence calls for; the next when"
        + " verification fails"));
    return new StepCatalogue("incident " + type.jsonName(), RUNBOOK, type.runbookTitle(), steps, covers,
        playbook.notChecked());
  }
}
