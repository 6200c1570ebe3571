package io.spacetime.runbook.adapters.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class NoLoadBalancerTest {

  static final LoadBalancerTarget API_1 = new LoadBalancerTarget("api-1", "i-1234567890abcdef0", "10.0.1.50");

  @Test
  void reportsThatThereIsNoLoadBalancer() {
    NoLoadBalancer none = new NoLoadBalancer();
    TargetRegistration registered = none.register(LoadBalancerSettings.none(), API_1);
    assertTrue(registered.notConfigured());
    assertEquals(new TargetRegistration("api-1", "", "not-configured",
        "environment has no load balancer (loadBalancer.type: none)"), registered);
    assertEquals(registered, none.deregister(LoadBalancerSettings.none(), API_1));
  }

  @Test
  void refusesOtherTypes() {
    LoadBalancerSettings f5 = new LoadBalancerSettings("f5", "us-east-1", "arn:tg", null, null, null, null);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> new NoLoadBalancer().register(f5, API_1));
    assertEquals("LoadBalancerUnsupported", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().startsWith("loadBalancer.type 'f5' is not supported by this version; supported: none, aws"));
  }
}
