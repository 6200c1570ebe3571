package io.spacetime.runbook.environment;

import java.util.List;

/**
 * A daily UTC time range, optionally limited to some weekdays.
 *
 * @param days upper-case {@link java.time.DayOfWeek} names; empty means every day
 * @param from inclusive start, {@code HH:mm} UTC
 * @param to exclusive end, {@code HH:mm} UTC
 */
public record TimeWindow(List<String> days, String from, String to) {

  public TimeWindow {
    days = days == null ? List.of() : List.copyOf(days);
  }
}
