package io.spacetime.runbook.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How gates and evidence write numbers: "40.2 GB", "45 ms", "99.8 %", never "4.0E1". */
public final class Measures {

  private Measures() {}

  /** At most three decimals, no trailing zeros: 20.0 -> "20", 1.24 -> "1.24". */
  public static String number(double value) {
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  public static String gb(double value) {
    return number(value) + " GB";
  }

  public static String ms(double value) {
    return number(value) + " ms";
  }

  public static String percent(double value) {
    return number(value) + " %";
  }

  public static String mb(long bytes) {
    return number(bytes / 1_000_000.0) + " MB";
  }

  /** " on api-1", or nothing for an environment-wide check. */
  public static String on(String host) {
    return host == null || host.isEmpty() ? "" : " on " + host;
  }

  /** The last non-blank line of a command's output, for a one-line reason. */
  public static String lastLine(String text) {
    String[] lines = text == null ? new String[0] : text.strip().split("\n");
    return lines.length == 0 ? "" : shorten(lines[lines.length - 1].strip(), 200);
  }

  public static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
