package io.spacetime.runbook.adapters.loadbalancer;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.LOAD_BALANCER_UNSUPPORTED;

import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import java.util.List;

/**
 * Step 9 for environments without a load balancer ({@code loadBalancer.type: none}): says so
 * instead of pretending to register. Any other type is refused: this version has no adapter for it.
 */
public final class NoLoadBalancer implements LoadBalancerActivities {

  static final String NOT_CONFIGURED = "environment has no load balancer (loadBalancer.type: none)";

  @Override
  public TargetRegistration register(LoadBalancerSettings settings, LoadBalancerTarget target) {
    return notConfigured(settings, target);
  }

  @Override
  public TargetRegistration deregister(LoadBalancerSettings settings, LoadBalancerTarget target) {
    return notConfigured(settings, target);
  }

  @Override
  public TargetGroupReport preflight(LoadBalancerSettings settings, List<LoadBalancerTarget> targets) {
    targets.forEach(target -> notConfigured(settings, target));
    return new TargetGroupReport("", "", "", 0, "", List.of(), 0);
  }

  private static TargetRegistration notConfigured(LoadBalancerSettings settings, LoadBalancerTarget target) {
    if (settings.configured()) {
      throw nonRetryable(LOAD_BALANCER_UNSUPPORTED, "loadBalancer.type '" + settings.type()
          + "' is not supported by this version; supported: none, aws (host " + target.host() + " was not registered)");
    }
    return new TargetRegistration(target.host(), "", "not-configured", NOT_CONFIGURED);
  }
}
