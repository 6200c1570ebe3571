package io.spacetime.runbook.document;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as documents write them: {@code 45s}, {@code 30m}, {@code 2h}. */
public final class DocumentDuration {

  public static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})(s|m|h)");

  private DocumentDuration() {}

  public static Duration parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration like 45s, 30m or 2h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
