package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.PortUsage.PortHolder;
import io.spacetime.runbook.ports.hosts.PortUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsGateTest {

  static final PortHolder FREE = new PortHolder(6005, false, "", 0);

  @Test
  void passesWhenPortsAreFreeOrHeldByTheService() {
    GateResult gate = PortsGate.freeOrHeldByService(usage(new PortHolder(8080, true, "Godot_v4.5", 1234), FREE), "godot");

    assertTrue(gate.passed(), gate.reason());
    assertEquals("ports 8080 (Godot_v4.5 (pid 1234)), 6005 (free) are free or held by the service on api-1", gate.reason());
  }

  @Test
  void failsWhenAnotherProcessHoldsAPort() {
    GateResult gate = PortsGate.freeOrHeldByService(usage(new PortHolder(8080, true, "nginx", 99), FREE), "godot");

    assertFalse(gate.passed());
    assertEquals("port 8080 is held by nginx (pid 99), not by the service (godot) on api-1: stop that process or change "
        + "the ports", gate.reason());
  }

  @Test
  void releasedPassesWhenNothingListens() {
    assertTrue(PortsGate.released(usage(FREE)).passed());
  }

  @Test
  void releasedFailsWhenTheServiceStillListens() {
    GateResult gate = PortsGate.released(usage(FREE, new PortHolder(8081, true, "godot", 1234)));

    assertEquals("port 8081 still held by godot (pid 1234) on api-1 after the stop", gate.reason());
  }

  static PortUsage usage(PortHolder... ports) {
    return new PortUsage("api-1", List.of(ports), List.of());
  }
}
