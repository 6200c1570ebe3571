package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.DeploymentWindows;
import io.spacetime.runbook.environment.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The runbook's Deployment Window, all in UTC: a standard deployment runs inside a standard window
 * (Tuesday/Thursday 10:00-12:00) and never inside a blackout (18:00-22:00). Outside, the reason
 * says which rule applies and when the next standard window starts; only an approved emergency
 * deployment may proceed. A window whose end is not after its start runs past midnight.
 */
public final class DeploymentWindow {

  public static final String GATE = "deployment window";

  private DeploymentWindow() {}

  /** @param nowMillis workflow time, epoch milliseconds */
  public static GateResult check(long nowMillis, DeploymentWindows windows) {
    if (!windows.enforce()) {
      return GateResult.pass(GATE, "not enforced for this environment");
    }
    try {
      return checkEnforced(nowMillis, windows);
    } catch (DateTimeException | IllegalArgumentException e) {
      // A typo in the environment file must refuse the deployment, not wedge the workflow.
      return GateResult.fail(GATE, "deploymentWindows cannot be read (times are HH:mm, days MONDAY..SUNDAY): " + e.getMessage());
    }
  }

  private static GateResult checkEnforced(long nowMillis, DeploymentWindows windows) {
    ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC);
    Optional<TimeWindow> blackout = windows.blackout().stream().filter(w -> contains(w, now)).findFirst();
    if (blackout.isPresent()) {
      return GateResult.fail(GATE, at(now) + " is inside the blackout period " + describe(blackout.get())
          + "; " + nextStandard(now, windows));
    }
    Optional<TimeWindow> standard = windows.standard().stream().filter(w -> contains(w, now)).findFirst();
    if (standard.isPresent()) {
      return GateResult.pass(GATE, at(now) + " is inside the standard window " + describe(standard.get()));
    }
    return GateResult.fail(GATE, at(now) + " is outside the standard windows ("
        + String.join(", ", windows.standard().stream().map(DeploymentWindow::describe).toList()) + "); "
        + nextStandard(now, windows));
  }

  /** Outside the window, but a manager approved this emergency deployment. */
  public static GateResult emergencyApproved(GateResult outside, String approver, String reason) {
    return GateResult.pass(GATE, "emergency deployment approved by " + approver + " (" + reason + "); " + outside.reason());
  }

  /** Outside the window, and no approval arrived in time. */
  public static GateResult noEmergencyApproval(GateResult outside, int waitedMinutes) {
    return GateResult.fail(GATE, "no emergency approval arrived within " + waitedMinutes + " minutes; " + outside.reason());
  }

  private static boolean contains(TimeWindow w, ZonedDateTime now) {
    LocalTime from = LocalTime.parse(w.from());
    LocalTime to = LocalTime.parse(w.to());
    LocalTime time = now.toLocalTime();
    if (from.isBefore(to)) {
      return appliesOn(w, now.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
    // Past midnight: the part after 00:00 belongs to the window that started the day before.
    return (appliesOn(w, now.getDayOfWeek()) && !time.isBefore(from))
        || (appliesOn(w, now.getDayOfWeek().minus(1)) && time.isBefore(to));
  }

  private static String nextStandard(ZonedDateTime now, DeploymentWindows windows) {
    Optional<ZonedDateTime> next = nextStandardStart(now, windows);
    return next.map(start -> "the next standard window starts " + at(start))
        .orElse("no standard deployment window is configured");
  }

  private static Optional<ZonedDateTime> nextStandardStart(ZonedDateTime now, DeploymentWindows windows) {
    LocalDate today = now.toLocalDate();
    return IntStream.rangeClosed(0, 7).boxed()
        .flatMap(days -> windows.standard().stream()
            .filter(w -> appliesOn(w, today.plusDays(days).getDayOfWeek()))
            .map(w -> today.plusDays(days).atTime(LocalTime.parse(w.from())).atZone(ZoneOffset.UTC)))
        .filter(start -> start.isAfter(now))
        .filter(start -> windows.blackout().stream().noneMatch(b -> contains(b, start)))
        .min(Comparator.naturalOrder());
  }

  private static boolean appliesOn(TimeWindow w, DayOfWeek day) {
    return w.days().isEmpty() || w.days().stream().anyMatch(d -> d.equalsIgnoreCase(day.name()));
  }

  private static String describe(TimeWindow w) {
    String days = w.days().isEmpty() ? "every day" : String.join("/", w.days().stream().map(DeploymentWindow::dayName).toList());
    return days + " " + w.from() + "-" + w.to() + " UTC";
  }

  /** "2025-12-03T10:30:00Z (Wednesday)": to the minute, as a person reads a window. */
  private static String at(ZonedDateTime t) {
    return t.toInstant().truncatedTo(ChronoUnit.MINUTES) + " (" + t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
  }

  private static String dayName(String day) {
    return DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
