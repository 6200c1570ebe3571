package io.spacetime.runbook.coverage;

import java.util.List;

/**
 * One item of a Markdown runbook the engine must follow: a numbered step, a procedure, a scenario
 * or a verification item, where the page has it.
 *
 * @param label as the page writes it, without bold, trailing colon or duration ("Step 1: Verify Issue Scope")
 * @param headings the headings it is under, outermost first, in the same form
 */
public record RunbookItem(String runbook, int line, Kind kind, String label, List<String> headings) {

  public RunbookItem {
    headings = List.copyOf(headings);
  }

  public enum Kind {
    STEP("step"), PROCEDURE("proc"), SCENARIO("scen"), CHECK("check");

    private final String shortName;

    Kind(String shortName) {
      this.shortName = shortName;
    }

    /** The table's word for it, five letters at most. */
    public String shortName() {
      return shortName;
    }
  }
}
