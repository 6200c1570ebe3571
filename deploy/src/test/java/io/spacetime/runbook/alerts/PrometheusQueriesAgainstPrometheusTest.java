package io.spacetime.runbook.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.metrics.PrometheusQueries;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus adapter against the real Prometheus of the shared {@link AlertingStack}. */
class PrometheusQueriesAgainstPrometheusTest {

  static final String METRIC = "spacetime_active_connections";

  // One target for the class, loaded by the first test: nothing here changes it, and a new target
  // costs Prometheus's target discovery, which applies changes at most every 5 s.
  static MetricTarget target;
  static AlertScenario scenario;
  final PrometheusQueries queries = new PrometheusQueries();
  AlertingStack stack;

  /** Per test, not in a @BeforeAll: without the binaries each test is reported skipped, with why. */
  @BeforeEach
  void scrapeOneTargetOnce() throws Exception {
    stack = AlertingStack.shared();
    if (target == null) {
      target = MetricTarget.start().set(METRIC, 42);
    }
    if (scenario == null) {
      scenario = stack.scenario("queries").scrape(target.address()).start();
    }
  }

  @AfterAll
  static void removeIt() throws Exception {
    if (scenario != null) {
      scenario.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void readsTheScrapedValueWithItsLabels() {
    MetricReading reading = queries.instantQuery(stack.prometheusUrl(), scenario.series(METRIC));

    assertTrue(reading.found());
    assertEquals(42, reading.value());
    assertEquals(1, reading.seriesCount());
    assertEquals(Map.of("__name__", METRIC, "instance", target.address(), "job", scenario.name(),
        "scenario", scenario.name()), reading.labels());
  }

  @Test
  void aQueryThatMatchesNothingIsNotFound() {
    MetricReading reading = queries.instantQuery(stack.prometheusUrl(), METRIC + "{scenario=\"no-such-scenario\"}");

    assertFalse(reading.found());
    assertEquals(0, reading.seriesCount());
  }

  @Test
  void aFunctionOfTheSeriesIsItsValue() {
    MetricReading reading = queries.instantQuery(stack.prometheusUrl(), "sum(" + scenario.series(METRIC) + ") * 2");

    assertEquals(84, reading.value());
    assertEquals(Map.of(), reading.labels());
  }

  @Test
  void aQueryPrometheusCannotParseIsNotRetriedAndSaysWhy() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> queries.instantQuery(stack.prometheusUrl(), "sum(" + METRIC));

    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("HTTP 400: bad_data: invalid parameter \"query\""),
        failure.getOriginalMessage());
  }
}
