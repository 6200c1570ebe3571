package io.spacetime.runbook.adapters.loadbalancer;

import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;

/**
 * Where a target's health is read: ELBv2 DescribeTargetHealth by default ({@link Elbv2TargetHealth}).
 * A seam of its own because the waits (healthy after a start, drained after a deregistration) must
 * be tested against states a test server does not produce: moto reports every registered target
 * healthy at once and never {@code initial}, {@code unhealthy} or {@code draining}.
 */
public interface TargetHealthSource {

  /**
   * The target's state in the AWS vocabulary ({@code initial}, {@code healthy}, {@code unhealthy},
   * {@code draining}, {@code unused}, {@code unavailable}) and, as detail, the reason and description
   * AWS gave ({@code Target.NotRegistered: Target is not registered to the target group}).
   */
  TargetRegistration read(LoadBalancerSettings settings, LoadBalancerTarget target);
}
