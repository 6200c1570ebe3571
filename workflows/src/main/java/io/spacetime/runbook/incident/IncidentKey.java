package io.spacetime.runbook.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The incident's key, which is its workflow id: exactly one open incident per fingerprint (or per
 * type + environment without one), by construction. {@code incident-production-high-error-rate},
 * {@code incident-production-fp-3f2a9c1d0e4b5a67}. Pure: the intake, the CLI and the workflow agree.
 */
public final class IncidentKey {

  private IncidentKey() {}

  public static String of(IncidentRequest request) {
    return of(request.environment(), request.type(), request.fingerprint());
  }

  public static String of(String environment, String type, String fingerprint) {
    if (fingerprint == null || fingerprint.isEmpty()) {
      return "incident-" + environment + "-" + type;
    }
    // A fingerprint names an alert's label set; it is shortened to a hash so any accepted one fits an id.
    return "incident-" + environment + "-fp-" + (fingerprint.matches("[0-9a-f]{16}") ? fingerprint : sha(fingerprint));
  }

  private static String sha(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
