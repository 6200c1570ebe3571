package io.spacetime.runbook.environment;

import io.temporal.activity.ActivityInterface;

/** Loads an environment's inventory. The result is recorded in history, so a run's config is auditable. */
@ActivityInterface
public interface EnvironmentActivities {

  /**
   * Reads {@code <environments dir>/<name>.yaml} and validates it. Fails without retry, with a
   * message naming the file, the field and the problem, when the file is missing or invalid.
   */
  Environment load(String name);
}
