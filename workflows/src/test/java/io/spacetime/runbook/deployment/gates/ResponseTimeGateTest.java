package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import org.junit.jupiter.api.Test;

class ResponseTimeGateTest {

  static final String URL = "http://10.0.0.1:8080/status";

  @Test
  void passesJustUnderTheAverage() {
    GateResult gate = ResponseTimeGate.check(new ResponseTimes(URL, 10, 0, 99.9, 140), Thresholds.runbookDefaults(), "api-1");

    assertTrue(gate.passed(), gate.reason());
    assertEquals("average 99.9 ms < 100 ms (max 140 ms) over 10 GETs of " + URL + " on api-1; no failed requests", gate.reason());
  }

  @Test
  void failsAtTheAverageLimit() {
    GateResult gate = ResponseTimeGate.check(new ResponseTimes(URL, 10, 0, 100, 140), Thresholds.runbookDefaults(), "api-1");

    assertFalse(gate.passed());
    assertEquals("average 100 ms >= 100 ms allowed (max 140 ms) over 10 GETs of " + URL + " on api-1", gate.reason());
  }

  @Test
  void failsWhenARequestFailed() {
    GateResult gate = ResponseTimeGate.check(new ResponseTimes(URL, 10, 1, 20, 30), Thresholds.runbookDefaults(), "api-1");

    assertEquals("1 of 10 requests failed over 10 GETs of " + URL + " on api-1", gate.reason());
  }
}
