package io.spacetime.runbook.adapters.hosts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first dotted version number in a tool's output ({@code 4.5.0.stable.official} -> 4.5.0,
 * {@code openjdk version "17.0.15" 2025-04-15} -> 17.0.15, {@code tar (GNU tar) 1.34} -> 1.34), and
 * numeric comparison part by part (4.10 is newer than 4.9).
 */
public final class VersionParser {

  private static final Pattern DOTTED = Pattern.compile("(?<![\\d.])(\\d+(?:\\.\\d+)+)");

  private VersionParser() {}

  public static Optional<String> firstVersion(String output) {
    Matcher m = DOTTED.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}; missing parts count as 0. */
  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  public static boolean atLeast(String version, String minimum) {
    return compare(version, minimum) >= 0;
  }
}
