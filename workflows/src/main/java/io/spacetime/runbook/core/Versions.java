package io.spacetime.runbook.core;

/**
 * Release and tool versions as people write them: {@code v2.5.0} and {@code 2.5.0} name the same
 * release; {@code 3.11} is newer than {@code 3.8} (numbers are compared, not text).
 */
public final class Versions {

  private Versions() {}

  /** True when both name the same release, ignoring a leading "v". */
  public static boolean sameRelease(String a, String b) {
    return !a.isEmpty() && withoutV(a).equals(withoutV(b));
  }

  /**
   * Compares dotted versions part by part as numbers; missing parts count as 0 ("4.5" equals
   * "4.5.0"); a part's trailing non-digits are ignored ("4.5.0.stable" is 4.5.0).
   *
   * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
   */
  public static int compare(String a, String b) {
    String[] left = withoutV(a).split("\\.");
    String[] right = withoutV(b).split("\\.");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int diff = Long.compare(part(left, i), part(right, i));
      if (diff != 0) {
        return diff;
      }
    }
    return 0;
  }

  private static long part(String[] parts, int index) {
    if (index >= parts.length) {
      return 0;
    }
    String digits = parts[index].replaceFirst("^([0-9]{1,18}).*$", "$1");
    return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() ? Long.parseLong(digits) : 0;
  }

  private static String withoutV(String version) {
    String v = version.strip();
    return v.startsWith("v") || v.startsWith("V") ? v.substring(1) : v;
  }
}
