package io.spacetime.runbook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.probes.StatusReport;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusGateTest {

  static final String URL = "http://10.0.0.1:8080/status";

  @Test
  void passesOnHttp200AndOverallReady() {
    GateResult gate = StatusGate.ready(report(200, true, "{\"overall_ready\":true}"), "api-1");

    assertTrue(gate.passed());
    assertEquals("GET http://10.0.0.1:8080/status → HTTP 200, overall_ready true on api-1", gate.reason());
  }

  @Test
  void failsOnHttp200WhenNotReady() {
    GateResult gate = StatusGate.ready(report(200, false, ""), "api-1");

    assertFalse(gate.passed());
    assertEquals("GET http://10.0.0.1:8080/status → HTTP 200, overall_ready false (debug adapter state 1, "
        + "language server state 1, 2 = connected) on api-1", gate.reason());
  }

  @Test
  void failsWhenReadyButNotHttp200() {
    assertFalse(StatusGate.ready(report(503, true, ""), "api-1").passed());
  }

  @Test
  void failsWhenNothingAnswers() {
    StatusReport refused = new StatusReport(URL, 0, false, -1, -1, "", "connection refused", 60_000, 120);

    assertEquals("GET http://10.0.0.1:8080/status got no answer on api-1: connection refused after waiting 60 s (120 polls)",
        StatusGate.ready(refused, "api-1").reason());
  }

  @Test
  void readsTheReportedVersion() {
    StatusReport r = report(200, true, "{\"overall_ready\":true,\"version\":\"v2.4.0\"}");

    assertEquals(Optional.of("v2.4.0"), StatusGate.reportedVersion(r));
    assertTrue(StatusGate.servesVersion(r, "2.4.0", "api-1").passed());
    assertEquals("serves version v2.4.0, expected v2.3.0 on api-1", StatusGate.servesVersion(r, "v2.3.0", "api-1").reason());
  }

  @Test
  void aStatusWithoutVersionPassesTheVersionCheck() {
    assertTrue(StatusGate.servesVersion(report(200, true, "{\"overall_ready\":true}"), "v2.4.0", "api-1").passed());
  }

  static StatusReport report(int http, boolean ready, String body) {
    return new StatusReport(URL, http, ready, ready ? 2 : 1, ready ? 2 : 1, body, "", 0, 1);
  }
}
