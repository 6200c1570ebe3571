package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import java.time.Instant;

/** Runbook 1.3: "TLS certificates valid for >= 30 days", counted in whole days from {@code now}. */
public final class CertificateGate {

  public static final String GATE = "TLS certificate";
  private static final long DAY_MILLIS = 86_400_000L;

  private CertificateGate() {}

  /**
   * @param nowMillis workflow time, epoch milliseconds
   * @param host where the certificate was read, empty for an endpoint checked from the worker
   */
  public static GateResult check(CertificateInfo cert, int minDays, long nowMillis, String host) {
    String where = Measures.on(host);
    if (!cert.error().isEmpty() || cert.notAfterEpochSeconds() == 0) {
      return GateResult.fail(GATE, "certificate " + cert.source() + " could not be read" + where + ": "
          + (cert.error().isEmpty() ? "no expiry date found" : cert.error()));
    }
    long daysLeft = Math.floorDiv(cert.notAfterEpochSeconds() * 1000 - nowMillis, DAY_MILLIS);
    String what = "certificate " + describe(cert) + " expires " + Instant.ofEpochSecond(cert.notAfterEpochSeconds())
        + ": " + daysLeft + " days left";
    return daysLeft >= minDays
        ? GateResult.pass(GATE, what + " >= " + minDays + where)
        : GateResult.fail(GATE, what + " < " + minDays + " required" + where + ": renew it before deploying");
  }

  /** TLS is on, but the environment names nothing to check. */
  public static GateResult notConfigured(String environment) {
    return GateResult.fail(GATE, "tls.enabled is true but neither tls.endpoint nor tls.certFile is set in environments/"
        + environment + ".yaml");
  }

  private static String describe(CertificateInfo cert) {
    return cert.subject().isEmpty() ? cert.source() : cert.subject() + " (" + cert.source() + ")";
  }
}
