package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import java.util.List;

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

  /** Before a host stops: its target has left the group and drained (no request still in flight to it). */
  public static GateResult drained(TargetRegistration r) {
    String target = "target " + r.targetId() + " of " + r.host();
    return r.notRegistered()
        ? GateResult.pass(GATE, target + " deregistered and drained")
        : GateResult.fail(GATE, target + " is still " + r.state() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")")
            + " after loadBalancer.drainTimeoutSeconds: the host was not stopped");
  }

  /** 1.2 "Load balancer health check configured": the target group exists and checks its targets' health. */
  public static GateResult healthCheckConfigured(TargetGroupReport report) {
    return report.healthCheck().isEmpty()
        ? GateResult.fail(GATE, "target group " + report.name() + " has health checks disabled: Step 9 could not"
            + " tell a healthy target from a broken one")
        : GateResult.pass(GATE, "target group " + report.name() + " (" + report.protocol() + " " + report.port()
            + ") checks " + report.healthCheck());
  }

  /**
   * 1.4 "Load balancer is healthy": the hosts already in the group are healthy (a host not yet
   * registered is fine: Step 9 registers it).
   */
  public static GateResult targetsHealthy(TargetGroupReport report) {
    List<TargetRegistration> registered = report.targets().stream().filter(t -> !t.notRegistered()).toList();
    List<TargetRegistration> unhealthy = registered.stream().filter(t -> !t.healthy()).toList();
    if (unhealthy.isEmpty()) {
      return GateResult.pass(GATE, registered.size() + " of " + report.targets().size() + " hosts registered in "
          + report.name() + ", all healthy");
    }
    return GateResult.fail(GATE, String.join("; ", unhealthy.stream().map(t -> "target " + t.targetId() + " of "
        + t.host() + " is " + t.state() + (t.detail().isEmpty() ? "" : " (" + t.detail() + ")")).toList())
        + " in " + report.name() + ": fix it before deploying, or the rollout takes capacity from an already weak group");
  }
}
