package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.Evidence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One sample of the watch window: the error rate and p95 of every reading it took (one per host
 * from the endpoints, or one for the whole service from Prometheus), numbered so a decision can
 * name the sample that triggered it.
 *
 * @param number 1 for the sample taken when the window opened
 * @param at when it was taken (workflow time, ISO-8601 UTC)
 * @param secondsIn seconds since the window opened
 * @param source "endpoints" or "Prometheus"
 * @param problem why the sample has no readings (the probe or query failed), empty otherwise
 */
record WatchSample(int number, String at, long secondsIn, String source, List<Reading> readings, String problem) {

  /**
   * What one host (or Prometheus, for the whole service) showed.
   *
   * @param where the host's name, or "all hosts" for Prometheus
   * @param traffic false when nothing was requested in the sample's range (Prometheus answered NaN
   *     or no series): there is no rate to judge
   */
  record Reading(String where, double errorRatePercent, double p95Ms, long requests, boolean traffic) {

    String describe() {
      return traffic
          ? String.format(Locale.ROOT, "%s: error rate %.1f %%, p95 %.0f ms%s", where, errorRatePercent, p95Ms,
              requests > 0 ? " (" + requests + " requests)" : "")
          : where + ": no traffic to judge";
    }
  }

  WatchSample {
    readings = List.copyOf(readings);
    problem = problem == null ? "" : problem;
  }

  /** "sample 4 (90 s into the window, 2025-12-02T10:52:30Z)". */
  String label() {
    return "sample " + number + " (" + secondsIn + " s into the window, " + at + ")";
  }

  /** One evidence line: every reading of this sample, or why there is none. */
  Evidence evidence() {
    Map<String, String> observed = new LinkedHashMap<>();
    for (Reading r : readings) {
      if (r.traffic()) {
        observed.put(r.where() + " error rate", String.format(Locale.ROOT, "%.2f %%", r.errorRatePercent()));
        observed.put(r.where() + " p95", String.format(Locale.ROOT, "%.0f ms", r.p95Ms()));
      } else {
        observed.put(r.where(), "no traffic");
      }
    }
    String output = problem.isEmpty() ? String.join("\n", readings.stream().map(Reading::describe).toList()) : problem;
    return new Evidence("", "watch window " + label() + " from " + source, problem.isEmpty() ? "sampled" : "no sample",
        output, observed, 0);
  }
}
