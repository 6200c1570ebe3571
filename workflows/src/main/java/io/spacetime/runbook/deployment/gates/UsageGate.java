package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.hosts.ServiceUsage;

/**
 * Step 5 "PID is stable (not restarting)" and Step 8 "CPU usage normal (< 50%)", "Memory usage
 * normal (< 4GB)", from the service process's own figures. Only for a usage that was measured
 * ({@code unknown} empty): the step reports the rest as not checked.
 */
public final class UsageGate {

  public static final String GATE = "service usage";

  private UsageGate() {}

  public static GateResult pidStable(ServiceUsage u) {
    String host = Measures.on(u.host());
    return u.pidBefore() == u.pidAfter()
        ? GateResult.pass(GATE, "pid " + u.pidAfter() + " stable over " + u.sampleMillis() + " ms" + host)
        : GateResult.fail(GATE, "the service restarted" + host + ": pid " + u.pidBefore() + ", then " + u.pidAfter()
            + " " + u.sampleMillis() + " ms later");
  }

  public static GateResult cpu(ServiceUsage u, Thresholds t) {
    String host = Measures.on(u.host());
    return u.cpuPercent() < t.maxServiceCpuPercent()
        ? GateResult.pass(GATE, "CPU " + Measures.percent(u.cpuPercent()) + " < " + Measures.percent(t.maxServiceCpuPercent()) + host)
        : GateResult.fail(GATE, "CPU " + Measures.percent(u.cpuPercent()) + " >= " + Measures.percent(t.maxServiceCpuPercent())
            + " allowed" + host);
  }

  public static GateResult memory(ServiceUsage u, Thresholds t) {
    String host = Measures.on(u.host());
    double gb = u.residentBytes() / 1e9;
    return gb < t.maxServiceMemoryGb()
        ? GateResult.pass(GATE, "memory " + Measures.gb(gb) + " < " + Measures.gb(t.maxServiceMemoryGb()) + host)
        : GateResult.fail(GATE, "memory " + Measures.gb(gb) + " >= " + Measures.gb(t.maxServiceMemoryGb()) + " allowed" + host);
  }
}
