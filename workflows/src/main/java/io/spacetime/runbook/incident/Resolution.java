package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;

/**
 * Ends the incident: {@code {"by":"alice","summary":"restarted the service","rootCause":"memory leak in v2.5.0"}}.
 * Every timer stops; the RESOLVED message and the post-mortem draft follow.
 */
public record Resolution(String by, String summary, String rootCause) {

  public void validate() {
    InputRules.check().person("by", by).text("summary", summary, true).text("rootCause", rootCause, true)
        .orThrow("resolution");
  }
}
