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
 * @param watch how long to watch the release after Step 10 ({@code "30m"}, {@code "45s"}, {@code "off"});
 *     empty for the environment's {@code watch.windowMinutes}
 */
@JsonClassDescription("{\"environment\":\"production\",\"version\":\"v2.5.0\"}") // the example input errors show
public record DeploymentRequest(
    String environment, String version, Boolean dryRun, Boolean emergency, String reason, String requestedBy,
    String watch)
    implements WorkflowInput {

  public DeploymentRequest {
    dryRun = dryRun != null && dryRun;
    emergency = emergency != null && emergency;
    reason = reason == null ? "" : reason;
    requestedBy = requestedBy == null ? "" : requestedBy;
    watch = watch == null ? "" : watch.strip();
  }

  /** A request with the environment's watch window. */
  public DeploymentRequest(String environment, String version, Boolean dryRun, Boolean emergency, String reason,
      String requestedBy) {
    this(environment, version, dryRun, emergency, reason, requestedBy, "");
  }

  /** The same request with {@code watch} as its watch window ({@code "30m"}, {@code "off"}). */
  public DeploymentRequest withWatch(String watch) {
    return new DeploymentRequest(environment, version, dryRun, emergency, reason, requestedBy, watch);
  }

  public static DeploymentRequest of(String environment, String version) {
    return new DeploymentRequest(environment, version, false, false, "", "", "");
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
    WatchDuration.problem("watch", watch).ifPresent(problem -> rules.require(false, problem));
    rules.orThrow("deployment request");
  }
}
