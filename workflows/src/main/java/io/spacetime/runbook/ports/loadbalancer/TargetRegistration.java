package io.spacetime.runbook.ports.loadbalancer;

/**
 * Step 9: a host's place in the load balancer.
 *
 * @param state the load balancer's word for the target ("healthy", "unused", "draining", ...), or
 *     "not-configured" when the environment has no load balancer
 */
public record TargetRegistration(String host, String targetId, String state, String detail) {

  /** ELBv2's reason for a target that is not in the group; a detail starting with it means "not registered". */
  public static final String NOT_REGISTERED = "Target.NotRegistered";

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

  /** Out of the target group: deregistered and drained (AWS: {@code unused}, reason {@code Target.NotRegistered}). */
  public boolean notRegistered() {
    return "unused".equals(state) && detail.startsWith(NOT_REGISTERED);
  }

  public boolean notConfigured() {
    return "not-configured".equals(state);
  }
}
