package io.spacetime.runbook.incident;

import java.time.Duration;
import java.util.List;

/**
 * The runbook's severity levels with their "Response Time Targets" and "Escalate Automatically At"
 * table. The table decides <em>when</em> an incident escalates; the Primary Escalation Path
 * ({@link EscalationLevel}) decides <em>who</em> is next when a response target is missed.
 */
public enum Severity {
  P0("Critical", Duration.ofMinutes(5), Duration.ofMinutes(15),
      List.of(new Automatic(Duration.ofMinutes(15), EscalationLevel.MANAGER),
          new Automatic(Duration.ofMinutes(30), EscalationLevel.DIRECTOR))),
  P1("High", Duration.ofMinutes(15), Duration.ofMinutes(30),
      List.of(new Automatic(Duration.ofMinutes(30), EscalationLevel.SENIOR),
          new Automatic(Duration.ofHours(1), EscalationLevel.MANAGER))),
  P2("Medium", Duration.ofHours(1), Duration.ofHours(2),
      List.of(new Automatic(Duration.ofHours(4), EscalationLevel.SENIOR))),
  P3("Low", Duration.ofHours(4), Duration.ofDays(1), List.of()),
  P4("Minor", null, null, List.of());

  private final String title;
  private final Duration responseTarget;
  private final Duration statusCadence;
  private final List<Automatic> automatic;

  Severity(String title, Duration responseTarget, Duration statusCadence, List<Automatic> automatic) {
    this.title = title;
    this.responseTarget = responseTarget;
    this.statusCadence = statusCadence;
    this.automatic = automatic;
  }

  /** "P0 - Critical". */
  public String label() {
    return name() + " - " + title;
  }

  /** "Initial Response": how long until someone must have acknowledged; empty for P4 (next business day). */
  public java.util.Optional<Duration> responseTarget() {
    return java.util.Optional.ofNullable(responseTarget);
  }

  /** "Status Updates" cadence; empty for P4 ("as needed"). */
  public java.util.Optional<Duration> statusCadence() {
    return java.util.Optional.ofNullable(statusCadence);
  }

  /** "Escalate Automatically At", counted from the incident's start. */
  public List<Automatic> automaticEscalations() {
    return automatic;
  }

  /** P0 and P1 page the on-call engineer at once ("Immediately page on-call engineer"). */
  public boolean pagesAtOnce() {
    return this == P0 || this == P1;
  }

  /** The PagerDuty Events v2 severity. */
  public String pagerSeverity() {
    return switch (this) {
      case P0 -> "critical";
      case P1 -> "error";
      case P2 -> "warning";
      default -> "info";
    };
  }

  /** True when this is more severe than {@code other} (P0 is the most severe). */
  public boolean worseThan(Severity other) {
    return ordinal() < other.ordinal();
  }

  /** One line of the "Escalate Automatically At" table: {@code after} the start, escalate to {@code to}. */
  public record Automatic(Duration after, EscalationLevel to) {}

  /** The severity named {@code name} ({@code P0}..{@code P4}), or an {@code InvalidInputException}. */
  public static Severity fromName(String name) {
    for (Severity s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new io.spacetime.runbook.core.InvalidInputException(
        "severity \"" + name + "\" is not one of the runbook's levels: P0, P1, P2, P3, P4");
  }
}
