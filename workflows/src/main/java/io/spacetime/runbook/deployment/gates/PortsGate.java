package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.PortUsage.PortHolder;
import io.spacetime.runbook.ports.hosts.PortUsage;
import java.util.List;
import java.util.Locale;

/**
 * The service's ports. Before a deployment (runbook 1.2) each must be free or held by the service
 * itself ("free or occupied by Godot"); after Step 2's stop, none may be listening.
 */
public final class PortsGate {

  public static final String GATE = "ports";

  private PortsGate() {}

  /**
   * 1.2: a listener counts as the service when its process name contains {@code processPattern}
   * (case-insensitive, as {@code grep godot} would find it).
   */
  public static GateResult freeOrHeldByService(PortUsage usage, String processPattern) {
    String host = Measures.on(usage.host());
    List<String> foreign = usage.ports().stream()
        .filter(p -> p.listening() && !isService(p, processPattern))
        .map(p -> "port " + p.port() + " is held by " + holder(p) + ", not by the service (" + processPattern + ")")
        .toList();
    if (!foreign.isEmpty()) {
      return GateResult.fail(GATE, String.join("; ", foreign) + host + ": stop that process or change the ports");
    }
    String ports = String.join(", ", usage.ports().stream()
        .map(p -> p.port() + (p.listening() ? " (" + holder(p) + ")" : " (free)"))
        .toList());
    return GateResult.pass(GATE, "ports " + ports + " are free or held by the service" + host);
  }

  /** Step 2: after the stop, nothing listens on the service's ports. */
  public static GateResult released(PortUsage usage) {
    String host = Measures.on(usage.host());
    List<String> held = usage.ports().stream()
        .filter(PortHolder::listening)
        .map(p -> "port " + p.port() + " still held by " + holder(p))
        .toList();
    return held.isEmpty()
        ? GateResult.pass(GATE, "ports " + String.join(", ", usage.ports().stream().map(p -> "" + p.port()).toList())
            + " released" + host)
        : GateResult.fail(GATE, String.join("; ", held) + host + " after the stop");
  }

  private static boolean isService(PortHolder p, String processPattern) {
    return !processPattern.isEmpty()
        && p.process().toLowerCase(Locale.ROOT).contains(processPattern.toLowerCase(Locale.ROOT));
  }

  private static String holder(PortHolder p) {
    String process = p.process().isEmpty() ? "an unknown process" : p.process();
    return p.pid() > 0 ? process + " (pid " + p.pid() + ")" : process;
  }
}
