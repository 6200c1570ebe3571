package io.spacetime.runbook.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured figures. */
final class Percentiles {

  private Percentiles() {}

  /** The {@code p}th percentile of {@code sorted} (ascending, not empty) by the nearest-rank method. */
  static long of(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  /** The median of {@code values} (any order, not empty): the upper one of an even count, as the bench always reported it. */
  static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
