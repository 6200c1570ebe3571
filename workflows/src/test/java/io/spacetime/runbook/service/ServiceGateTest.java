package io.spacetime.runbook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.ServiceState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceGateTest {

  @Test
  void stoppedPassesWhenInactiveWithPortsReleased() {
    assertTrue(ServiceGate.stopped(state(false, List.of())).passed());
  }

  @Test
  void stoppedFailsWhilePortsStillListen() {
    GateResult gate = ServiceGate.stopped(state(false, List.of(8080)));

    assertFalse(gate.passed());
    assertEquals("ports [8080] still listening on api-1 after the stop", gate.reason());
  }

  @Test
  void stoppedFailsWhileStillActive() {
    assertEquals("service still active on api-1 after the stop", ServiceGate.stopped(state(true, List.of())).reason());
  }

  @Test
  void startedNeedsAnActiveService() {
    assertTrue(ServiceGate.started(state(true, List.of(8080))).passed());
    assertEquals("service not active on api-1 after the start command (see its log)",
        ServiceGate.started(state(false, List.of())).reason());
  }

  @Test
  void becameReadyPassesOnTheAttemptThatWorked() {
    GateResult gate = ServiceGate.becameReady(List.of(GateResult.fail("health", "not yet"), GateResult.pass("health", "ready")), 3);

    assertTrue(gate.passed());
    assertEquals("ready after attempt 2 of 3: ready", gate.reason());
  }

  @Test
  void becameReadyFailsAfterTheLastAttempt() {
    GateResult no = GateResult.fail("health", "HTTP 503");

    GateResult gate = ServiceGate.becameReady(List.of(no, no, no), 3);

    assertFalse(gate.passed());
    assertEquals("service did not become ready after 3 attempts (attempt 1: HTTP 503; attempt 2: HTTP 503; "
        + "attempt 3: HTTP 503)", gate.reason());
  }

  static ServiceState state(boolean active, List<Integer> listening) {
    return new ServiceState("api-1", active, listening, 0, List.of());
  }
}
