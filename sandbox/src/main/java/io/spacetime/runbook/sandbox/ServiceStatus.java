package io.spacetime.runbook.sandbox;

/**
 * One {@code GET /status} of a sandbox host's service, as the sandbox saw it.
 *
 * @param httpStatus 0 when nothing answered
 * @param overallReady the body's {@code overall_ready}; false when absent
 * @param version the body's {@code version}; empty when absent
 * @param body the response body; empty when nothing answered
 * @param error why nothing usable answered (connection refused, timeout, not JSON); empty otherwise
 */
public record ServiceStatus(String url, int httpStatus, boolean overallReady, String version, String body,
    String error) {

  public boolean answered() {
    return httpStatus > 0;
  }

  /** One line for people: {@code ready v2.5.0}, {@code not ready (HTTP 200)}, {@code down: Connection refused}. */
  public String summary() {
    if (!answered()) {
      return "down: " + error;
    }
    return overallReady ? "ready " + version : "not ready (HTTP " + httpStatus + ") " + version;
  }
}
