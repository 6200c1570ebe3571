package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateGateTest {

  static final Instant NOW = Instant.parse("2025-12-02T10:30:00Z");

  @Test
  void passesWithExactly30DaysLeft() {
    GateResult gate = CertificateGate.check(expiringIn(Duration.ofDays(30)), 30, NOW.toEpochMilli(), "api-1");

    assertTrue(gate.passed(), gate.reason());
    assertEquals("certificate CN=spacetime-api (/etc/ssl/certs/spacetime-api.crt) expires 2026-01-01T10:30:00Z: "
        + "30 days left >= 30 on api-1", gate.reason());
  }

  @Test
  void failsOneSecondShortOf30Days() {
    GateResult gate = CertificateGate.check(expiringIn(Duration.ofDays(30).minusSeconds(1)), 30, NOW.toEpochMilli(), "api-1");

    assertFalse(gate.passed());
    assertTrue(gate.reason().endsWith("29 days left < 30 required on api-1: renew it before deploying"), gate.reason());
  }

  @Test
  void failsWhenTheCertificateCannotBeRead() {
    CertificateInfo unreadable = new CertificateInfo("https://spacetime-api.company.com", "", 0, "handshake failed");

    GateResult gate = CertificateGate.check(unreadable, 30, NOW.toEpochMilli(), "");

    assertEquals("certificate https://spacetime-api.company.com could not be read: handshake failed", gate.reason());
  }

  static CertificateInfo expiringIn(Duration left) {
    return new CertificateInfo("/etc/ssl/certs/spacetime-api.crt", "CN=spacetime-api", NOW.plus(left).getEpochSecond(), "");
  }
}
