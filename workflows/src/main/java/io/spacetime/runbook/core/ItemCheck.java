package io.spacetime.runbook.core;

/**
 * What a run did about one item of a runbook step's "Verification Steps" list: checked (passed or
 * failed, with the gate's reason) or not checked, with why ("no DNS record configured for this
 * environment"). A report never shows an item as passed that was not checked.
 */
public record ItemCheck(String item, Status status, String detail) {

  public enum Status {
    PASSED,
    FAILED,
    NOT_CHECKED,
    /** Checked by another record of the same section (once for the environment, or in a later step). */
    ELSEWHERE;

    public boolean checked() {
      return this == PASSED || this == FAILED;
    }
  }

  public ItemCheck {
    detail = detail == null ? "" : detail;
  }

  public static ItemCheck of(String item, GateResult gate) {
    return new ItemCheck(item, gate.passed() ? Status.PASSED : Status.FAILED, gate.reason());
  }

  public static ItemCheck notChecked(String item, String why) {
    return new ItemCheck(item, Status.NOT_CHECKED, why);
  }

  public static ItemCheck elsewhere(String item, String where) {
    return new ItemCheck(item, Status.ELSEWHERE, where);
  }
}
