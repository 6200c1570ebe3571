package io.spacetime.runbook.coverage;

import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.deployment.DeploymentSteps;
import io.spacetime.runbook.incident.IncidentSteps;
import io.spacetime.runbook.rollback.RollbackSteps;
import java.util.ArrayList;
import java.util.List;

/** The Java workflows' catalogues: deployment, Emergency Rollback, incident response. */
public final class EngineCatalogues implements CatalogueSource {

  @Override
  public String describe() {
    return "the Java workflows";
  }

  @Override
  public List<StepCatalogue> catalogues() {
    List<StepCatalogue> all = new ArrayList<>(List.of(DeploymentSteps.CATALOGUE, RollbackSteps.CATALOGUE));
    all.addAll(IncidentSteps.catalogues());
    return all;
  }
}
