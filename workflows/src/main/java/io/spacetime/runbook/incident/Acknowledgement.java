package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;

/** "Acknowledge Alert": {@code {"by":"alice"}}. Stops the unacknowledged-response escalation. */
public record Acknowledgement(String by) {

  public void validate() {
    InputRules.check().person("by", by).orThrow("acknowledgement");
  }
}
