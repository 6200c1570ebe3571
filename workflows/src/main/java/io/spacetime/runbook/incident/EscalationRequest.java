package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;

/** "Escalate Immediately If ...": {@code {"by":"alice","reason":"needs database expertise"}}; the next level is paged. */
public record EscalationRequest(String by, String reason) {

  public void validate() {
    InputRules.check().person("by", by).text("reason", reason, true).orThrow("escalation");
  }
}
