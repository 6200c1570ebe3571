package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.ports.probes.TelemetryProbe;
import org.junit.jupiter.api.Test;

class TelemetryGateTest {

  static final String URL = "ws://10.0.0.1:8081";

  @Test
  void passesWhenTheFirstEventIsConnected() {
    assertTrue(TelemetryGate.check(new TelemetryProbe(URL, true, "connected", "", 5), "api-1").passed());
  }

  @Test
  void failsWhenTheFirstEventIsAnotherOne() {
    assertEquals("telemetry ws://10.0.0.1:8081 first event was \"fps\", expected \"connected\" on api-1",
        TelemetryGate.check(new TelemetryProbe(URL, true, "fps", "", 5), "api-1").reason());
  }

  @Test
  void failsWhenItDoesNotConnect() {
    assertEquals("telemetry ws://10.0.0.1:8081 did not connect on api-1: connection refused",
        TelemetryGate.check(new TelemetryProbe(URL, false, "", "connection refused", 5), "api-1").reason());
  }
}
