package io.spacetime.runbook.ports.probes;

/**
 * Step 6: the telemetry WebSocket's first message.
 *
 * @param firstEvent the {@code event} field of the first message ("connected" when healthy)
 */
public record TelemetryProbe(String url, boolean connected, String firstEvent, String error, long durationMs) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public TelemetryProbe {
    url = url == null ? "" : url;
    firstEvent = firstEvent == null ? "" : firstEvent;
    error = error == null ? "" : error;
  }
}
