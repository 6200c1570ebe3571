package io.spacetime.runbook.loadbalancer;

import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.LoadBalancerSettings;
import io.temporal.activity.ActivityInterface;

/** Step 9 "Load Balancer Integration" and its rollback point (deregister). */
@ActivityInterface
public interface LoadBalancerActivities {

  /** Registers the host and waits (heartbeating) until the target is healthy or the timeout passes. */
  TargetRegistration register(LoadBalancerSettings settings, Host host);

  /** Removes the host from the target group; removing an absent target succeeds. */
  TargetRegistration deregister(LoadBalancerSettings settings, Host host);
}
