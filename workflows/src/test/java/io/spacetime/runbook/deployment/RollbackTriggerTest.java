package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spacetime.runbook.deployment.RollbackTrigger.Level;
import io.spacetime.runbook.deployment.RollbackTrigger.Signal;
import io.spacetime.runbook.deployment.RollbackTrigger.Verdict;
import io.spacetime.runbook.environment.WatchSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RUNBOOK_DEPLOYMENT.md "When to Rollback" on one sample, with the runbook's numbers. */
class RollbackTriggerTest {

  static final WatchSettings RUNBOOK = WatchSettings.runbookDefaults();

  @ParameterizedTest(name = "error rate {0} %, p95 {1} ms: {2}")
  @CsvSource({
      "0.0, 120, NONE",
      "1.0, 300, NONE",
      "1.1, 120, CONSIDER",
      "0.5, 301, CONSIDER",
      "5.0, 300, CONSIDER",
      "5.1, 120, ROLLBACK",
      "0.0, 501, ROLLBACK",
      "2.0, 501, ROLLBACK"})
  void theRunbooksLinesDecide(double errorRate, double p95, Level expected) {
    assertEquals(expected, RollbackTrigger.judge(sample(reading("api-1", errorRate, p95)), RUNBOOK).level());
  }

  @Test
  void theWorstHostDecidesAndIsNamedWithTheSampleAndTheThreshold() {
    Verdict v = RollbackTrigger.judge(sample(reading("api-1", 2.0, 100), reading("api-2", 7.25, 100)), RUNBOOK);

    assertEquals(Level.ROLLBACK, v.level());
    assertEquals(Signal.ERROR_RATE, v.signal());
    assertEquals("sample 4 (90 s into the window, 2025-12-02T10:52:30Z): error rate 7.3 % > 5.0 % on api-2"
        + " (endpoints; runbook \"When to Rollback\": Immediate Rollback Required)", v.reason());
  }

  @Test
  void aReadingWithoutTrafficIsNotJudged() {
    Verdict v = RollbackTrigger.judge(sample(new WatchSample.Reading("all hosts", 0, 0, 0, false)), RUNBOOK);

    assertEquals(Level.NONE, v.level());
    assertNull(v.signal());
  }

  @Test
  void theEnvironmentsThresholdsReplaceTheRunbooks() {
    WatchSettings strict = new WatchSettings(null, null, 2.0, null, 0.5, null, null, null, null, null, null);

    assertEquals(Level.ROLLBACK, RollbackTrigger.judge(sample(reading("api-1", 3.0, 100)), strict).level());
    assertEquals(Level.CONSIDER, RollbackTrigger.judge(sample(reading("api-1", 0.6, 100)), strict).level());
  }

  static WatchSample.Reading reading(String host, double errorRate, double p95) {
    return new WatchSample.Reading(host, errorRate, p95, 20, true);
  }

  static WatchSample sample(WatchSample.Reading... readings) {
    return new WatchSample(4, "2025-12-02T10:52:30Z", 90, "endpoints", List.of(readings), "");
  }
}
