package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.LogScan;

/**
 * Step 10 "No critical errors in logs": lines matching the pattern in the service log since the
 * new service started are at most the environment's {@code maxErrorLogLines} (0 by default).
 */
public final class LogGate {

  public static final String GATE = "log";

  private LogGate() {}

  public static GateResult check(LogScan scan, String pattern, int maxLines) {
    String what = scan.matches() + " lines matching " + pattern + " in " + scan.logFile() + " since byte " + scan.fromOffset()
        + Measures.on(scan.host());
    if (scan.matches() <= maxLines) {
      return GateResult.pass(GATE, what + " (at most " + maxLines + " allowed)");
    }
    String first = scan.sample().isEmpty() ? "" : ", first: " + Measures.shorten(scan.sample().get(0).strip(), 200);
    return GateResult.fail(GATE, what + " (at most " + maxLines + " allowed)" + first);
  }
}
