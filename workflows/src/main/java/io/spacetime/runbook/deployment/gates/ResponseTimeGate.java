package io.spacetime.runbook.deployment.gates;

import static io.spacetime.runbook.core.Measures.ms;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import java.util.List;

/** Step 8 Performance Verification: "Response times < 100ms" over sequential GETs, none failing. */
public final class ResponseTimeGate {

  public static final String GATE = "response time";

  private ResponseTimeGate() {}

  public static GateResult check(ResponseTimes r, Thresholds t, String host) {
    String where = " over " + r.count() + " GETs of " + r.url() + Measures.on(host);
    return GateResult.allOf(GATE, List.of(
        r.averageMs() < t.maxAverageResponseMs()
            ? GateResult.pass(GATE, "average " + ms(r.averageMs()) + " < " + ms(t.maxAverageResponseMs()) + " (max " + ms(r.maxMs()) + ")" + where)
            : GateResult.fail(GATE, "average " + ms(r.averageMs()) + " >= " + ms(t.maxAverageResponseMs()) + " allowed (max " + ms(r.maxMs()) + ")" + where),
        r.failures() == 0
            ? GateResult.pass(GATE, "no failed requests")
            : GateResult.fail(GATE, r.failures() + " of " + r.count() + " requests failed" + where)));
  }
}
