package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import org.junit.jupiter.api.Test;

class LoadTestGateTest {

  static final Thresholds RUNBOOK = Thresholds.runbookDefaults();

  @Test
  void passesAtTheBoundaries() {
    GateResult gate = LoadTestGate.check(report(99.5, 99.9, 199.9), RUNBOOK);

    assertTrue(gate.passed(), gate.reason());
    assertEquals("success rate 99.5 % >= 99.5 %; average 99.9 ms < 100 ms; 95th percentile 199.9 ms < 200 ms "
        + "(99th percentile 250 ms, max 450 ms; 15000 requests, 75 errors; 50 users for 300 s against "
        + "http://staging:18080/status)", gate.reason());
  }

  @Test
  void failsJustBelowTheSuccessRate() {
    GateResult gate = LoadTestGate.check(report(99.49, 45, 120), RUNBOOK);

    assertFalse(gate.passed());
    assertTrue(gate.reason().startsWith("success rate 99.49 % < 99.5 % required (99th percentile 250 ms, max 450 ms"),
        gate.reason());
  }

  @Test
  void failsAtTheAverageLimit() {
    assertTrue(LoadTestGate.check(report(99.8, 100, 120), RUNBOOK).reason().startsWith("average 100 ms >= 100 ms allowed"));
  }

  @Test
  void failsAtThe95thPercentileLimit() {
    assertTrue(LoadTestGate.check(report(99.8, 45, 200), RUNBOOK).reason().startsWith("95th percentile 200 ms >= 200 ms allowed"));
  }

  static LoadTestReport report(double success, double average, double p95) {
    return new LoadTestReport("http://staging:18080/status", 50, 300, 15_000, 75, success, average, p95, 250, 450, 0L);
  }
}
