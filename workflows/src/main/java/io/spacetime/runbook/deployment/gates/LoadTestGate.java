package io.spacetime.runbook.deployment.gates;

import static io.spacetime.runbook.core.Measures.ms;
import static io.spacetime.runbook.core.Measures.percent;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import java.util.List;

/**
 * Runbook 4.2 Load Testing: success rate >= 99.5 %, average < 100 ms, 95th percentile < 200 ms.
 * The reason also reports the 99th percentile and the maximum, as the runbook's output does.
 */
public final class LoadTestGate {

  public static final String GATE = "load test";

  private LoadTestGate() {}

  public static GateResult check(LoadTestReport r, Thresholds t) {
    GateResult verdict = GateResult.allOf(GATE, List.of(success(r, t), average(r, t), p95(r, t)));
    return new GateResult(GATE, verdict.passed(), verdict.reason() + context(r));
  }

  /** "Success rate >= 99.5%". */
  public static GateResult success(LoadTestReport r, Thresholds t) {
    return r.successPercent() >= t.loadTestMinSuccessPercent()
        ? GateResult.pass(GATE, "success rate " + percent(r.successPercent()) + " >= " + percent(t.loadTestMinSuccessPercent()))
        : GateResult.fail(GATE, "success rate " + percent(r.successPercent()) + " < " + percent(t.loadTestMinSuccessPercent()) + " required");
  }

  /** "Average response time < 100ms". */
  public static GateResult average(LoadTestReport r, Thresholds t) {
    return r.averageMs() < t.loadTestMaxAverageMs()
        ? GateResult.pass(GATE, "average " + ms(r.averageMs()) + " < " + ms(t.loadTestMaxAverageMs()))
        : GateResult.fail(GATE, "average " + ms(r.averageMs()) + " >= " + ms(t.loadTestMaxAverageMs()) + " allowed");
  }

  /** "95th percentile < 200ms". */
  public static GateResult p95(LoadTestReport r, Thresholds t) {
    return r.p95Ms() < t.loadTestMaxP95Ms()
        ? GateResult.pass(GATE, "95th percentile " + ms(r.p95Ms()) + " < " + ms(t.loadTestMaxP95Ms()))
        : GateResult.fail(GATE, "95th percentile " + ms(r.p95Ms()) + " >= " + ms(t.loadTestMaxP95Ms()) + " allowed");
  }

  /** "Load test completes successfully": it ran its duration and requests were made. */
  public static GateResult completed(LoadTestReport r) {
    return r.totalRequests() > 0
        ? GateResult.pass(GATE, "ran " + r.durationSeconds() + " s with " + r.users() + " users: " + r.totalRequests() + " requests")
        : GateResult.fail(GATE, "no request was made in " + r.durationSeconds() + " s" + context(r));
  }

  /** "No connection timeouts": no request went unanswered within the probe's limit. */
  public static GateResult noTimeouts(LoadTestReport r) {
    long timeouts = r.timeouts() == null ? 0 : r.timeouts();
    return timeouts == 0
        ? GateResult.pass(GATE, "no request timed out (" + r.errors() + " other errors of " + r.totalRequests() + ")")
        : GateResult.fail(GATE, timeouts + " of " + r.totalRequests() + " requests timed out" + context(r));
  }

  private static String context(LoadTestReport r) {
    return " (99th percentile " + ms(r.p99Ms()) + ", max " + ms(r.maxMs()) + "; " + r.totalRequests()
        + " requests, " + r.errors() + " errors; " + r.users() + " users for " + r.durationSeconds() + " s against " + r.url() + ")";
  }
}
