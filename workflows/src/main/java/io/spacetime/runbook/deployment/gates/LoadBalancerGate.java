package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;

/** Step 9 Load Balancer Integration: "Target status is healthy". */
public final class LoadBalancerGate {

  public static final String GATE = "load balancer";

  private LoadBalancerGate() {}

  public static GateResult healthy(TargetRegistration r) {
    String target = "target " + r.targetId() + " of " + r.host();
    return r.healthy()
        ? GateResult.pass(GATE, target + " is healthy")
        : GateResult.fail(GATE, target + " is " + r.state() + (r.detail().isEmpty() ? "" : ": " + r.detail()));
  }
}
