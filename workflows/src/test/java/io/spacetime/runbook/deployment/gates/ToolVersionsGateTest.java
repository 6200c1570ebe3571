package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolVersionsGateTest {

  @Test
  void passesAtExactlyTheMinimumVersion() {
    GateResult gate = ToolVersionsGate.check(List.of(tool("godot", "4.5.0", "4.5.0"), tool("python3", "3.8", "3.8")), "api-1");

    assertTrue(gate.passed(), gate.reason());
    assertEquals("godot 4.5.0 >= 4.5.0 on api-1; python3 3.8 >= 3.8 on api-1", gate.reason());
  }

  @Test
  void comparesNumbersNotText() {
    assertTrue(ToolVersionsGate.check(List.of(tool("python3", "3.11.2", "3.8")), "api-1").passed());
  }

  @Test
  void failsJustBelowTheMinimum() {
    GateResult gate = ToolVersionsGate.check(List.of(tool("godot", "4.4.99", "4.5.0")), "api-1");

    assertFalse(gate.passed());
    assertEquals("godot 4.4.99 < 4.5.0 required on api-1", gate.reason());
  }

  @Test
  void failsWhenAToolIsMissing() {
    ToolVersion missing = new ToolVersion("godot", false, "", "4.5.0", null);

    assertEquals("godot not found on api-1 (needs >= 4.5.0)", ToolVersionsGate.check(List.of(missing), "api-1").reason());
  }

  static ToolVersion tool(String name, String version, String min) {
    return new ToolVersion(name, true, version, min, null);
  }
}
