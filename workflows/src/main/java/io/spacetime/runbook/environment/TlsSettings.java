package io.spacetime.runbook.environment;

/**
 * Runbook 1.3 "TLS certificates valid for >= 30 days". Either the endpoint's certificate (a TLS
 * handshake from the worker) or a certificate file on each host is checked. An environment
 * without TLS sets {@code enabled: false}, and the report says the check was skipped and why.
 */
public record TlsSettings(Boolean enabled, String endpoint, String certFile) {

  public TlsSettings {
    enabled = enabled == null ? Boolean.FALSE : enabled;
    endpoint = endpoint == null ? "" : endpoint;
    certFile = certFile == null ? "" : certFile;
  }

  public static TlsSettings disabled() {
    return new TlsSettings(false, null, null);
  }
}
