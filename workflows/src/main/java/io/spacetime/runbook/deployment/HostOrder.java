package io.spacetime.runbook.deployment;

import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;

/**
 * The input of a rollout's child workflows: one host to deploy (or undo) on the deployment's
 * terms. The environment holds that host alone, so a large fleet's inventory is not copied into
 * every child's history.
 *
 * @param backupId the deployment's 3.1 backup, which a config undo restores from
 * @param deploymentId the deployment's workflow id, and {@code deploymentRunId} its run id, as the
 *     host's release history records them
 * @param rollbackTrust and {@code coverageChecks}, {@code awsSteps}: the deployment's versioned
 *     behaviour, decided once in the deployment and followed by every host
 * @param batch "canary", "batch 2 of 4": where the host stands in the rollout
 */
public record HostOrder(
    DeploymentRequest request, Environment env, String backupId, String deploymentId, String deploymentRunId,
    boolean rollbackTrust, boolean coverageChecks, boolean awsSteps, String batch) {

  /** The one host. */
  public Host host() {
    return env.hosts().get(0);
  }
}
