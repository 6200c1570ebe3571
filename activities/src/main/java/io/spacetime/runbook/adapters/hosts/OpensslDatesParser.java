package io.spacetime.runbook.adapters.hosts;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl x509 -noout -enddate -subject}: {@code notAfter=Dec 31 23:59:59 2025 GMT} (days
 * below 10 are padded with a space: {@code Jan  1}) and {@code subject=CN = spacetime-api}.
 */
public final class OpensslDatesParser {

  private static final Pattern NOT_AFTER = Pattern.compile("(?m)^notAfter=(.+)$");
  private static final Pattern SUBJECT = Pattern.compile("(?m)^subject=\\s*(.*)$");
  private static final DateTimeFormatter OPENSSL =
      DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy zzz", Locale.ENGLISH);

  /** The certificate's expiry (UTC epoch seconds) and subject. */
  public record Dates(long notAfterEpochSeconds, String subject) {}

  private OpensslDatesParser() {}

  public static Dates parse(String output) {
    Matcher notAfter = NOT_AFTER.matcher(output);
    if (!notAfter.find()) {
      throw new IllegalArgumentException("no notAfter= line in openssl output: " + output.strip());
    }
    Matcher subject = SUBJECT.matcher(output);
    return new Dates(epochSeconds(notAfter.group(1)), subject.find() ? subject.group(1).trim() : "");
  }

  static long epochSeconds(String date) {
    String normalised = date.trim().replaceAll("\\s+", " ");
    try {
      return ZonedDateTime.parse(normalised, OPENSSL).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read the date '" + date.trim() + "' printed by openssl");
    }
  }
}
