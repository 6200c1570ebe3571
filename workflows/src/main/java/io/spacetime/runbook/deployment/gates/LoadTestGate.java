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
    GateResult verdict = GateResult.allOf(GATE, List.of(
        r.successPercent() >= t.loadTestMinSuccessPercent()
            ? GateResult.pass(GATE, "success rate " + percent(r.successPercent()) + " >= " + percent(t.loadTestMinSuccessPercent()))
            : GateResult.fail(GATE, "success rate " + percent(r.successPercent()) + " < " + percent(t.loadTestMinSuccessPercent()) + " required"),
        r.averageMs() < t.loadTestMaxAverageMs()
            ? GateResult.pass(GATE, "average " + ms(r.averageMs()) + " < " + ms(t.loadTestMaxAverageMs()))
            : GateResult.fail(GATE, "average " + ms(r.averageMs()) + " >= " + ms(t.loadTestMaxAverageMs()) + " allowed"),
        r.p95Ms() < t.loadTestMaxP95Ms()
            ? GateResult.pass(GATE, "95th percentile " + ms(r.p95Ms()) + " < " + ms(t.loadTestMaxP95Ms()))
            : GateResult.fail(GATE, "95th percentile " + ms(r.p95Ms()) + " >= " + ms(t.loadTestMaxP95Ms()) + " allowed")));
    String context = " (99th percentile " + ms(r.p99Ms()) + ", max " + ms(r.maxMs()) + "; " + r.totalRequests()
        + " requests, " + r.errors() + " errors; " + r.users() + " users for " + r.durationSeconds() + " s against " + r.url() + ")";
    return new GateResult(GATE, verdict.passed(), verdict.reason() + context);
  }
}
