package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.InputRules;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a watch window as a person types it ({@code --watch 30m}, {@code "watch": "45s"}):
 * a whole number of seconds, minutes or hours, or {@code off}. Empty means the environment's
 * {@code watch.windowMinutes}. One parser for the CLI, the JSON input and the workflow.
 */
public final class WatchDuration {

  /** What is accepted, for help texts and error messages. */
  public static final String ACCEPTED = "a duration like \"30m\", \"45s\" or \"2h\" (at most 24h), or \"off\"";
  public static final String OFF = "off";

  private static final Pattern AMOUNT = Pattern.compile("([0-9]{1,5})([smh])");
  private static final Duration LONGEST = Duration.ofHours(24);

  private WatchDuration() {}

  /** Why {@code text} is not a watch duration, naming {@code field}; empty when it is one (or empty). */
  public static Optional<String> problem(String field, String text) {
    if (text == null || text.isEmpty() || OFF.equals(text)) {
      return Optional.empty();
    }
    Matcher m = AMOUNT.matcher(text);
    if (!m.matches()) {
      return Optional.of(field + " \"" + InputRules.printable(text) + "\" is not " + ACCEPTED);
    }
    Duration d = of(m);
    if (d.isZero()) {
      return Optional.of(field + " \"" + text + "\" is no window; to skip it write \"off\"");
    }
    if (d.compareTo(LONGEST) > 0) {
      return Optional.of(field + " \"" + text + "\" is longer than 24h (the runbook's Full Validation ends at 24 hours)");
    }
    return Optional.empty();
  }

  /**
   * The window for a request's {@code text}: {@code defaultWindow} when empty, zero when "off".
   * Call only with a text {@link #problem} accepted.
   */
  public static Duration resolve(String text, Duration defaultWindow) {
    if (text == null || text.isEmpty()) {
      return defaultWindow;
    }
    if (OFF.equals(text)) {
      return Duration.ZERO;
    }
    Matcher m = AMOUNT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(problem("watch", text).orElse("watch is invalid"));
    }
    return of(m);
  }

  /**
   * {@code text} as a duration of at most 24h that is not zero ("5m", "30s", "1h"); empty when it is
   * not one. Shared with the rollout's pause between batches.
   */
  static Optional<Duration> parse(String text) {
    Matcher m = AMOUNT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration d = of(m);
    return d.isZero() || d.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(d);
  }

  private static Duration of(Matcher m) {
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
