package io.spacetime.runbook.service;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.core.Versions;
import io.spacetime.runbook.ports.probes.StatusReport;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook's health check, {@code curl -s .../status | jq .overall_ready}: HTTP 200 and
 * {@code overall_ready: true} (1.4, Steps 5-7, Step 10, the rollback's "Verify health").
 */
public final class StatusGate {

  public static final String GATE = "health";
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]{1,64})\"");

  private StatusGate() {}

  public static GateResult ready(StatusReport r, String host) {
    String where = Measures.on(host);
    if (r.httpStatus() == 0) {
      return GateResult.fail(GATE, "GET " + r.url() + " got no answer" + where
          + (r.error().isEmpty() ? "" : ": " + r.error()) + waited(r));
    }
    if (r.httpStatus() == 200 && r.overallReady()) {
      return GateResult.pass(GATE, "GET " + r.url() + " → HTTP 200, overall_ready true" + where);
    }
    return GateResult.fail(GATE, "GET " + r.url() + " → HTTP " + r.httpStatus() + ", overall_ready " + r.overallReady()
        + " (debug adapter state " + r.debugAdapterState() + ", language server state " + r.languageServerState()
        + ", 2 = connected)" + where + waited(r));
  }

  /**
   * "Previous version confirmed" (and, for a deployment, the new one): when /status reports a
   * {@code version}, it must be {@code expected}. Without a reported or an expected version the
   * check is reported as not made, never as passed on something else.
   */
  public static GateResult servesVersion(StatusReport r, String expected, String host) {
    Optional<String> reported = reportedVersion(r);
    if (reported.isEmpty()) {
      return GateResult.pass(GATE, "version not checked: GET " + r.url() + " reports no version" + Measures.on(host));
    }
    if (expected == null || expected.isEmpty()) {
      return GateResult.pass(GATE, "version not checked: serves " + reported.get() + Measures.on(host)
          + ", but the release's own version is unknown (no VERSION file, no version in its name)");
    }
    return Versions.sameRelease(reported.get(), expected)
        ? GateResult.pass(GATE, "serves version " + reported.get() + Measures.on(host))
        : GateResult.fail(GATE, "serves version " + reported.get() + ", expected " + expected + Measures.on(host));
  }

  /** True when /status names a version and it is {@code expected}. */
  public static boolean confirmsVersion(StatusReport r, String expected) {
    return expected != null && !expected.isEmpty()
        && reportedVersion(r).map(v -> Versions.sameRelease(v, expected)).orElse(false);
  }

  /** The {@code "version"} field of the status body, when the body's tail has one. */
  public static Optional<String> reportedVersion(StatusReport r) {
    Matcher m = VERSION.matcher(r.bodyTail() == null ? "" : r.bodyTail());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String waited(StatusReport r) {
    return r.waitedMs() > 0 ? " after waiting " + r.waitedMs() / 1000 + " s (" + r.attempts() + " polls)" : "";
  }
}
