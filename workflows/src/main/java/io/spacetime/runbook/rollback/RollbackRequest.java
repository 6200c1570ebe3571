package io.spacetime.runbook.rollback;

import io.spacetime.runbook.core.InputRules;

/**
 * Starts the runbook's Emergency Rollback Procedure:
 * {@code {"environment":"production","reason":"error rate 7% after v2.5.0"}}.
 *
 * @param toVersion a release to restore by name; empty means the previous one ({@code production.backup})
 */
public record RollbackRequest(String environment, String reason, String toVersion, String requestedBy) {

  public RollbackRequest {
    toVersion = toVersion == null ? "" : toVersion;
    requestedBy = requestedBy == null ? "" : requestedBy;
  }

  public void validate() {
    InputRules rules = InputRules.check()
        .environment("environment", environment)
        .text("reason", reason, true)
        .optionalVersion("toVersion", toVersion);
    if (!requestedBy.isEmpty()) {
      rules.person("requestedBy", requestedBy);
    }
    rules.orThrow("rollback request");
  }
}
