package io.spacetime.runbook.loadbalancer;

/**
 * Step 9: a host's place in the load balancer.
 *
 * @param state the load balancer's word for the target ("healthy", "unused", "draining", ...), or
 *     "not-configured" when the environment has no load balancer
 */
public record TargetRegistration(String host, String targetId, String state, String detail) {

  public boolean healthy() {
    return "healthy".equals(state);
  }

  public boolean notConfigured() {
    return "not-configured".equals(state);
  }
}
