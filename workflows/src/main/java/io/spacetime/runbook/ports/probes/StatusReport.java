package io.spacetime.runbook.ports.probes;

/**
 * {@code GET /status} as seen from the worker (runbook 1.4, Step 5, Step 6).
 *
 * @param httpStatus 0 when no HTTP answer arrived (connection refused, timeout)
 * @param debugAdapterState the runbook's {@code debug_adapter.state} (2 = connected), -1 if absent
 * @param languageServerState {@code language_server.state}, -1 if absent
 * @param error why no usable answer arrived, empty otherwise
 * @param waitedMs how long the probe waited for readiness (0 for a single probe)
 */
public record StatusReport(
    String url,
    int httpStatus,
    boolean overallReady,
    int debugAdapterState,
    int languageServerState,
    String bodyTail,
    String error,
    long waitedMs,
    int attempts) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public StatusReport {
    url = url == null ? "" : url;
    bodyTail = bodyTail == null ? "" : bodyTail;
    error = error == null ? "" : error;
  }
}
