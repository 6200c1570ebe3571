package io.spacetime.runbook.ports.hosts;

/**
 * Runbook 1.3: a certificate's validity, from {@code openssl x509 -enddate} on a host file or a
 * TLS handshake with the endpoint.
 *
 * @param notAfterEpochSeconds expiry instant, UTC epoch seconds; 0 when it could not be read
 * @param error why the certificate could not be read, empty when it was
 */
public record CertificateInfo(String source, String subject, long notAfterEpochSeconds, String error) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public CertificateInfo {
    source = source == null ? "" : source;
    subject = subject == null ? "" : subject;
    error = error == null ? "" : error;
  }
}
