package io.spacetime.runbook.adapters.loadbalancer;

import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import java.util.List;

/**
 * The worker's one {@link LoadBalancerActivities}: each call goes to the adapter of the
 * environment's {@code loadBalancer.type} ({@code aws}: ELBv2; anything else: {@link NoLoadBalancer},
 * which reports "none" and refuses types it does not know).
 */
public final class LoadBalancers implements LoadBalancerActivities {

  private final LoadBalancerActivities none = new NoLoadBalancer();
  private final LoadBalancerActivities aws;

  public LoadBalancers(LoadBalancerActivities aws) {
    this.aws = aws;
  }

  @Override
  public TargetRegistration register(LoadBalancerSettings settings, LoadBalancerTarget target) {
    return of(settings).register(settings, target);
  }

  @Override
  public TargetRegistration deregister(LoadBalancerSettings settings, LoadBalancerTarget target) {
    return of(settings).deregister(settings, target);
  }

  @Override
  public TargetGroupReport preflight(LoadBalancerSettings settings, List<LoadBalancerTarget> targets) {
    return of(settings).preflight(settings, targets);
  }

  private LoadBalancerActivities of(LoadBalancerSettings settings) {
    return settings.aws() ? aws : none;
  }
}
