package io.spacetime.runbook.ports.loadbalancer;

import java.util.List;

/**
 * The load balancer preflight (runbook 1.2 "Load balancer health check configured", 1.4 "Load
 * balancer is healthy"): the target group exists where the environment says, how it checks health,
 * and where each host's target stands now.
 *
 * @param healthCheck e.g. {@code HTTP /status on traffic-port every 30 s}; empty when health checks are off
 */
public record TargetGroupReport(
    String targetGroupArn, String name, String protocol, int port, String healthCheck, List<TargetRegistration> targets,
    long durationMs) {

  public TargetGroupReport {
    targetGroupArn = targetGroupArn == null ? "" : targetGroupArn;
    name = name == null ? "" : name;
    protocol = protocol == null ? "" : protocol;
    healthCheck = healthCheck == null ? "" : healthCheck;
    targets = targets == null ? List.of() : List.copyOf(targets);
  }
}
