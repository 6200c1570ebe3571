package io.spacetime.runbook.adapters.environment;

import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.EnvironmentActivities;

/** {@link EnvironmentActivities} backed by an {@link EnvironmentLoader}. */
public final class EnvironmentActivitiesImpl implements EnvironmentActivities {

  private final EnvironmentLoader loader;

  public EnvironmentActivitiesImpl(EnvironmentLoader loader) {
    this.loader = loader;
  }

  @Override
  public Environment load(String name) {
    return loader.load(name);
  }
}
