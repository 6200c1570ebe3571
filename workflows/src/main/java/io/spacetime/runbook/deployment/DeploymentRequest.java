package io.spacetime.runbook.deployment;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.WorkflowInput;

/**
 * The one JSON object that starts a deployment, from the CLI or the Web UI:
 * {@code {"environment":"production","version":"v2.5.0"}}.
 *
 * @param environment name of an environment file ({@code environments/<name>.yaml})
 * @param version release in staging to deploy ({@code v2.5.0})
 * @param dryRun run only the read-only checks and return the plan of changes
 * @param emergency outside the deployment window, wait for an emergency approval instead of refusing
 * @param reason why (shown in notifications); required for an emergency
 * @param requestedBy who asked, for the notifications and the report
 */
@JsonClassDescription("{\"environment\":\"production\",\"version\":\"v2.5.0\"}") // the example input errors show
public record DeploymentRequest(
    String environment, String version, Boolean dryRun, Boolean emergency, String reason, String requestedBy)
    implements WorkflowInput {

  public DeploymentRequest {
    dryRun = dryRun != null && dryRun;
    emergency = emergency != null && emergency;
    reason = reason == null ? "" : reason;
    requestedBy = requestedBy == null ? "" : requestedBy;
  }

  public static DeploymentRequest of(String environment, String version) {
    return new DeploymentRequest(environment, version, false, false, "", "");
  }

  /** Every problem with this request, at once; empty when it may start. */
  @Override
  public void validate() {
    InputRules rules = InputRules.check()
        .environment("environment", environment)
        .version("version", version)
        .text("reason", reason, emergency);
    if (!requestedBy.isEmpty()) {
      rules.person("requestedBy", requestedBy);
    }
    rules.orThrow("deployment request");
  }
}
