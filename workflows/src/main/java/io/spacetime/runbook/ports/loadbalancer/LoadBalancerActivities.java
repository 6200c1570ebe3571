package io.spacetime.runbook.ports.loadbalancer;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Step 9 "Load Balancer Integration", its rollback point (deregister), and the rolling steps: a host
 * leaves the target group (drained) before it is stopped and joins it again (healthy) after it
 * serves. Every method is idempotent, so Temporal may retry it.
 */
@ActivityInterface
public interface LoadBalancerActivities {

  /**
   * Registers the host (registering a registered target is fine) and waits, heartbeating, until the
   * target is healthy or {@code healthTimeoutSeconds} pass; the result says which.
   */
  TargetRegistration register(LoadBalancerSettings settings, LoadBalancerTarget target);

  /**
   * Removes the host from the target group and waits, heartbeating, until it has drained (no longer
   * {@code draining}) or {@code drainTimeoutSeconds} pass; removing an absent target succeeds.
   */
  TargetRegistration deregister(LoadBalancerSettings settings, LoadBalancerTarget target);

  /**
   * Reads the target group and each target's health, changing nothing. An unknown target group, a
   * wrong region or a missing permission fails without retry, with AWS's error code and message.
   */
  TargetGroupReport preflight(LoadBalancerSettings settings, List<LoadBalancerTarget> targets);
}
