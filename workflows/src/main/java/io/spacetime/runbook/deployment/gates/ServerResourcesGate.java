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
    return GateResult.allOf(GATE, List.of(disk(r, t), memory(r, t), load(r, t), writable(r)));
  }

  /** "Disk space >= 20GB free". */
  public static GateResult disk(ServerResources r, Thresholds t) {
    String host = Measures.on(r.host());
    return r.diskFreeGb() >= t.minDiskFreeGb()
        ? GateResult.pass(GATE, "disk free " + gb(r.diskFreeGb()) + " >= " + gb(t.minDiskFreeGb()) + " under " + r.path() + host)
        : GateResult.fail(GATE, "disk free " + gb(r.diskFreeGb()) + " < " + gb(t.minDiskFreeGb()) + " required under " + r.path() + host);
  }

  /** "Memory >= 8GB available". */
  public static GateResult memory(ServerResources r, Thresholds t) {
    String host = Measures.on(r.host());
    return r.memoryAvailableGb() >= t.minMemoryAvailableGb()
        ? GateResult.pass(GATE, "memory available " + gb(r.memoryAvailableGb()) + " >= " + gb(t.minMemoryAvailableGb()) + host)
        : GateResult.fail(GATE, "memory available " + gb(r.memoryAvailableGb()) + " < " + gb(t.minMemoryAvailableGb()) + " required" + host);
  }

  /** "Load average < (cores * 0.5)". */
  public static GateResult load(ServerResources r, Thresholds t) {
    String host = Measures.on(r.host());
    double maxLoad = t.maxLoadPerCore() * r.cores();
    String loadLimit = number(maxLoad) + " (" + number(t.maxLoadPerCore()) + " x " + r.cores() + " cores)";
    return r.loadAverage1m() < maxLoad
        ? GateResult.pass(GATE, "load average " + number(r.loadAverage1m()) + " < " + loadLimit + host)
        : GateResult.fail(GATE, "load average " + number(r.loadAverage1m()) + " >= " + loadLimit + " allowed" + host);
  }

  /** "File system is read/write". */
  public static GateResult writable(ServerResources r) {
    String host = Measures.on(r.host());
    return r.writable()
        ? GateResult.pass(GATE, r.path() + " is writable" + host)
        : GateResult.fail(GATE, r.path() + " is not writable" + host + " (read-only file system or permissions)");
  }

  /** "No disk errors in dmesg"; only when the kernel log was read ({@code diskErrors} not null). */
  public static GateResult diskErrors(ServerResources r) {
    String host = Measures.on(r.host());
    return r.diskErrors() == 0
        ? GateResult.pass(GATE, "no disk or file system errors in the kernel log" + host)
        : GateResult.fail(GATE, r.diskErrors() + " disk or file system error lines in the kernel log (dmesg)" + host);
  }
}
