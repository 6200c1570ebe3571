package io.spacetime.runbook.deployment.gates;

import static io.spacetime.runbook.core.Measures.gb;
import static io.spacetime.runbook.core.Measures.number;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.hosts.ServerResources;
import java.util.List;

/**
 * Runbook 1.1 Server Resources: disk >= 20 GB free under the deploy root, memory >= 8 GB
 * available, 1-minute load average < 0.5 x cores, and the file system writable.
 */
public final class ServerResourcesGate {

  public static final String GATE = "server resources";

  private ServerResourcesGate() {}

  public static GateResult check(ServerResources r, Thresholds t) {
    String host = Measures.on(r.host());
    double maxLoad = t.maxLoadPerCore() * r.cores();
    String loadLimit = number(maxLoad) + " (" + number(t.maxLoadPerCore()) + " x " + r.cores() + " cores)";
    return GateResult.allOf(GATE, List.of(
        r.diskFreeGb() >= t.minDiskFreeGb()
            ? GateResult.pass(GATE, "disk free " + gb(r.diskFreeGb()) + " >= " + gb(t.minDiskFreeGb()) + " under " + r.path() + host)
            : GateResult.fail(GATE, "disk free " + gb(r.diskFreeGb()) + " < " + gb(t.minDiskFreeGb()) + " required under " + r.path() + host),
        r.memoryAvailableGb() >= t.minMemoryAvailableGb()
            ? GateResult.pass(GATE, "memory available " + gb(r.memoryAvailableGb()) + " >= " + gb(t.minMemoryAvailableGb()) + host)
            : GateResult.fail(GATE, "memory available " + gb(r.memoryAvailableGb()) + " < " + gb(t.minMemoryAvailableGb()) + " required" + host),
        r.loadAverage1m() < maxLoad
            ? GateResult.pass(GATE, "load average " + number(r.loadAverage1m()) + " < " + loadLimit + host)
            : GateResult.fail(GATE, "load average " + number(r.loadAverage1m()) + " >= " + loadLimit + " allowed" + host),
        r.writable()
            ? GateResult.pass(GATE, r.path() + " is writable" + host)
            : GateResult.fail(GATE, r.path() + " is not writable" + host + " (read-only file system or permissions)")));
  }
}
