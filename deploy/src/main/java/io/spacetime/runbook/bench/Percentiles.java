package io.spacetime.runbook.bench;

import java.util.List;

/** Nearest-rank percentiles of measured figures. */
final class Percentiles {

  private Percentiles() {}

  /** The {@code p}th percentile of {@code sorted} (ascending, not empty) by the nearest-rank method. */
  static long of(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }
}
