package io.spacetime.runbook.document;

import io.spacetime.runbook.core.GateResult;
import java.util.Locale;

/** The gate of a {@code prometheus} step: the value against its limits. Pure, so a replay judges the same way. */
final class MetricLimits {

  static final String GATE = "prometheus";

  private MetricLimits() {}

  static GateResult judge(String query, double value, String unit, Double min, Double max) {
    String shown = query + " = " + number(value) + unit;
    if (max != null && value > max) {
      return GateResult.fail(GATE, shown + " > " + number(max) + unit + " allowed");
    }
    if (min != null && value < min) {
      return GateResult.fail(GATE, shown + " < " + number(min) + unit + " required");
    }
    return GateResult.pass(GATE, shown + " within " + (min == null ? "" : ">= " + number(min) + unit + " ")
        + (max == null ? "" : "<= " + number(max) + unit));
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
  }
}
