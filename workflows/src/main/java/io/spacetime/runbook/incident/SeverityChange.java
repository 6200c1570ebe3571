package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;

/** {@code {"severity":"P0","by":"alice","reason":"all endpoints 500"}}: every timer is planned again. */
public record SeverityChange(String severity, String by, String reason) {

  public void validate() {
    InputRules.check().person("by", by).text("reason", reason, true)
        .require(severity != null && severity.matches("P[0-4]"),
            "severity " + (severity == null ? "is required" : "\"" + InputRules.printable(severity) + "\" is not valid") + ": use P0, P1, P2, P3 or P4")
        .orThrow("severity change");
  }
}
