package io.spacetime.runbook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.Ports;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigGateTest {

  static final String TARGET = "/opt/spacetime/production-v2.5.0/.env";

  @Test
  void passesWhenTheInstalledPortsAreTheEnvironments() {
    GateResult gate = ConfigGate.check(installed(Map.of("API_PORT", "8080", "TELEMETRY_PORT", "8081", "DAP_PORT", "6006",
        "LSP_PORT", "6005")), Ports.defaults());

    assertTrue(gate.passed(), gate.reason());
    assertEquals("API_PORT=8080; TELEMETRY_PORT=8081; DAP_PORT=6006; LSP_PORT=6005 in " + TARGET + " on api-1", gate.reason());
  }

  @Test
  void failsOnAPortThatDiffers() {
    GateResult gate = ConfigGate.check(installed(Map.of("API_PORT", "8083", "TELEMETRY_PORT", "8081", "DAP_PORT", "6006",
        "LSP_PORT", "6005")), Ports.defaults());

    assertFalse(gate.passed());
    assertEquals("API_PORT=8083 in " + TARGET + " on api-1, the environment says 8080", gate.reason());
  }

  @Test
  void failsOnAMissingPort() {
    GateResult gate = ConfigGate.check(installed(Map.of("API_PORT", "8080", "TELEMETRY_PORT", "8081", "DAP_PORT", "6006")),
        Ports.defaults());

    assertEquals("LSP_PORT missing in " + TARGET + " on api-1", gate.reason());
  }

  static ConfigInstall installed(Map<String, String> ports) {
    return new ConfigInstall("api-1", TARGET, ports, List.of());
  }
}
