package io.spacetime.runbook.starter.schedules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schedule of a schedules file: which runbook document runs on which environment, when
 * (a cron expression or an interval, in a time zone, with jitter), and what the schedule does when
 * runs overlap, are missed, or fail.
 *
 * @param id the Temporal Schedule id (letters, digits, {@code . _ -}); its runs' workflow ids start with it
 * @param runbook the document's name, as {@code ./runbook run NAME} takes it
 * @param cron a cron expression ({@code "0 7 * * *"}, or {@code @daily} and the like); exactly one of cron and every
 * @param every an interval ({@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}), with {@code offset} into it
 * @param overlap what a run due while the last still runs does: skip (default), buffer-one, buffer-all,
 *     cancel-other, terminate-other, allow-all
 * @param catchupWindow how late a missed run (server down) may still start (default 1m)
 * @param pauseOnFailure pause the schedule when a run fails, until someone unpauses it
 */
@JsonPropertyOrder(alphabetic = true)
public record ScheduleEntry(
    String id,
    String description,
    String runbook,
    String environment,
    Map<String, String> parameters,
    String cron,
    String every,
    String offset,
    String timeZone,
    String jitter,
    String overlap,
    String catchupWindow,
    Boolean pauseOnFailure,
    Boolean paused) {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern CRON = Pattern.compile("@(yearly|annually|monthly|weekly|daily|hourly)"
      + "|[0-9*/,A-Za-z-]+( [0-9*/,?A-Za-z#L-]+){4,6}");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([smhd])");
  static final List<String> OVERLAPS = List.of("skip", "buffer-one", "buffer-all", "cancel-other", "terminate-other",
      "allow-all");

  /** Absent maps and texts read as empty, absent switches as off: what a file leaves out is the default. */
  public ScheduleEntry {
    id = text(id);
    description = text(description);
    runbook = text(runbook);
    environment = text(environment);
    parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
    cron = text(cron);
    every = text(every);
    offset = text(offset);
    timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
    jitter = text(jitter);
    overlap = overlap == null || overlap.isBlank() ? "skip" : overlap;
    catchupWindow = catchupWindow == null || catchupWindow.isBlank() ? "1m" : catchupWindow;
    pauseOnFailure = pauseOnFailure != null && pauseOnFailure;
    paused = paused != null && paused;
  }

  /** Every problem of this entry, each naming {@code where} (the file, the entry) and the field. */
  List<String> problems(String where) {
    List<String> problems = new ArrayList<>();
    require(problems, ID.matcher(id).matches(), where, "id", id, "1-100 letters, digits, '.', '_' or '-'");
    require(problems, NAME.matcher(runbook).matches(), where, "runbook", runbook,
        "a document name (lower-case letters, digits and '-'), as ./runbook run takes it");
    require(problems, NAME.matcher(environment).matches(), where, "environment", environment,
        "an environment name (lower-case letters, digits and '-')");
    parameters.forEach((k, v) -> require(problems, PARAMETER.matcher(k).matches(), where, "parameters", k,
        "parameter names of letters, digits and '_', starting with a letter"));
    if (cron.isEmpty() == every.isEmpty()) {
      problems.add(where + ": give exactly one of 'cron' (\"0 7 * * *\") and 'every' (\"1h\")");
    }
    if (!cron.isEmpty()) {
      require(problems, CRON.matcher(cron).matches(), where, "cron", cron,
          "5 fields (minute hour day-of-month month day-of-week), or @daily, @hourly, @weekly, @monthly, @yearly");
    }
    duration(problems, where, "every", every, false);
    duration(problems, where, "offset", offset, true);
    duration(problems, where, "jitter", jitter, true);
    duration(problems, where, "catchupWindow", catchupWindow, false);
    if (!offset.isEmpty() && every.isEmpty()) {
      problems.add(where + ": 'offset' goes with 'every'");
    }
    require(problems, OVERLAPS.contains(overlap), where, "overlap", overlap, "one of " + String.join(", ", OVERLAPS));
    try {
      ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      problems.add(where + ": field 'timeZone': \"" + timeZone + "\" is not a time zone (\"UTC\", \"Europe/Berlin\")");
    }
    return problems;
  }

  /** {@code text} ("30s", "15m", "1h", "1d") as a duration; call only for an entry without problems. */
  static Optional<Duration> duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    });
  }

  private static void duration(List<String> problems, String where, String field, String text, boolean zeroAllowed) {
    if (text.isEmpty()) {
      return;
    }
    Optional<Duration> d = duration(text);
    require(problems, d.isPresent() && (zeroAllowed || !d.get().isZero()), where, field, text,
        "a duration like \"30s\", \"15m\", \"1h\" or \"1d\"" + (zeroAllowed ? "" : ", not zero"));
  }

  private static void require(List<String> problems, boolean ok, String where, String field, String value, String accepted) {
    if (!ok) {
      problems.add(where + ": field '" + field + "': \"" + value + "\" is not " + accepted);
    }
  }

  private static String text(String s) {
    return s == null ? "" : s.trim();
  }
}
