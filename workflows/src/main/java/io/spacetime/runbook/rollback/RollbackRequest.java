package io.spacetime.runbook.rollback;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.WorkflowInput;

/**
 * Starts the runbook's Emergency Rollback Procedure:
 * {@code {"environment":"production","reason":"error rate 7% after v2.5.0"}}.
 *
 * @param toVersion a release to restore by name; empty means the previous one ({@code production.backup})
 */
@JsonClassDescription("{\"environment\":\"production\",\"reason\":\"error rate 7% after v2.5.0\"}") // the example input errors show
public record RollbackRequest(String environment, String reason, String toVersion, String requestedBy) implements WorkflowInput {

  public RollbackRequest {
    toVersion = toVersion == null ? "" : toVersion;
    requestedBy = requestedBy == null ? "" : requestedBy;
  }

  @Override
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
