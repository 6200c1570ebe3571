package io.spacetime.runbook.incident;

/** The runbook's Primary Escalation Path, in order; {@link #next()} is who an escalation reaches. */
public enum EscalationLevel {
  ON_CALL("onCall", "On-Call Engineer"),
  SENIOR("senior", "Senior Engineer"),
  LEAD("lead", "Engineering Lead"),
  MANAGER("manager", "Engineering Manager"),
  DIRECTOR("director", "Director of Engineering"),
  VP("vp", "VP Engineering / CTO");

  private final String key;
  private final String title;

  EscalationLevel(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The key of {@code incident.escalationPath} in the environment file naming the person. */
  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  /** The next level up; the top level stays the top. */
  public EscalationLevel next() {
    return this == VP ? VP : values()[ordinal() + 1];
  }

  public boolean above(EscalationLevel other) {
    return ordinal() > other.ordinal();
  }
}
