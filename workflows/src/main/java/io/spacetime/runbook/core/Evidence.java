package io.spacetime.runbook.core;

import java.util.Map;

/**
 * What a step saw, for the report: the command or request, its result, measured values, and how
 * long it took. Output is already bounded by the activity that produced it.
 *
 * @param action the command as run (quoted) or the request ("GET http://.../status")
 * @param result exit code, HTTP status or a short verdict ("exit 0", "HTTP 200", "refused")
 * @param observed measured values by name ("disk free" -> "40.2 GB")
 */
public record Evidence(
    String host, String action, String result, String output, Map<String, String> observed, long durationMs) {

  public Evidence {
    host = host == null ? "" : host;
    result = result == null ? "" : result;
    output = output == null ? "" : output;
    observed = observed == null ? Map.of() : Map.copyOf(observed);
  }

  /** Evidence without an activity record: what the workflow itself saw or was told. */
  public static Evidence note(String host, String action, String result, Map<String, String> observed) {
    return new Evidence(host, action, result, "", observed, 0);
  }
}
