package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;

/**
 * A person's answer to a risky action waiting for approval:
 * {@code {"action":"kill-port-holder@api-1","by":"alice","reason":"stray debug server"}}. The state
 * query lists the pending actions by id.
 */
public record Decision(String action, String by, String reason) {

  public void validate() {
    InputRules.check().person("by", by).text("reason", reason, true)
        .require(action != null && !action.isBlank(), "action is required: the id of a pending action (see the state query)")
        .orThrow("decision");
  }
}
