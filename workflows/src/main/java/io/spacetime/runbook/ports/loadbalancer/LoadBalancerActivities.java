package io.spacetime.runbook.ports.loadbalancer;

import io.temporal.activity.ActivityInterface;

/** Step 9 "Load Balancer Integration" and its rollback point (deregister). */
@ActivityInterface
public interface LoadBalancerActivities {

  /** Registers the host and waits (heartbeating) until the target is healthy or the timeout passes. */
  TargetRegistration register(LoadBalancerSettings settings, LoadBalancerTarget target);

  /** Removes the host from the target group; removing an absent target succeeds. */
  TargetRegistration deregister(LoadBalancerSettings settings, LoadBalancerTarget target);
}
