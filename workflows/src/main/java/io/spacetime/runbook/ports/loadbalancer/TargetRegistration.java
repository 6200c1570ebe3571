package io.spacetime.runbook.ports.loadbalancer;

/**
 * Step 9: a host's place in the load balancer.
 *
 * @param state the load balancer's word for the target ("healthy", "unused", "draining", ...), or
 *     "not-configured" when the environment has no load balancer
 */
public record TargetRegistration(String host, String targetId, String state, String detail) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public TargetRegistration {
    host = host == null ? "" : host;
    targetId = targetId == null ? "" : targetId;
    state = state == null ? "" : state;
    detail = detail == null ? "" : detail;
  }

  public boolean healthy() {
    return "healthy".equals(state);
  }

  public boolean notConfigured() {
    return "not-configured".equals(state);
  }
}
