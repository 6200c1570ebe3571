package io.spacetime.runbook.coverage;

/**
 * What the engine does about one runbook item: which step implements it, why it is deliberately
 * not checked, or nothing (missing).
 *
 * @param detail the implementing step ("deployment: Step 6: Service Health Checks"), the reason, or empty
 */
public record Mapping(RunbookItem item, Status status, String detail) {

  public enum Status { IMPLEMENTED, NOT_CHECKED, MISSING }

  /** The table's cell: the step, "not checked: why", or "MISSING". */
  public String cell() {
    return switch (status) {
      case IMPLEMENTED -> detail;
      case NOT_CHECKED -> "not checked: " + detail;
      case MISSING -> "MISSING: no engine step";
    };
  }
}
