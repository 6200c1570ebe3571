package io.spacetime.runbook.ports.probes;

/** Step 8: {@code count} sequential GETs of a URL, timed. */
public record ResponseTimes(String url, int count, int failures, double averageMs, double maxMs) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ResponseTimes {
    url = url == null ? "" : url;
  }
}
