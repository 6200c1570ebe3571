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
 * @param canary hosts deployed first, alone ({@code 1}); null for the environment's {@code rollout.canary}
 * @param batchSize hosts per batch after the canary ({@code "5"}, {@code "25%"}); empty for the environment's
 * @param maxFailures failed hosts tolerated ({@code "1"}, {@code "10%"}); empty for the environment's
 * @param pause between batches: {@code "none"}, {@code "5m"} or {@code "approval"}; empty for the environment's
 */
@JsonClassDescription("{\"environment\":\"production\",\"version\":\"v2.5.0\"}") // the example input errors show
public record DeploymentRequest(
    String environment, String version, Boolean dryRun, Boolean emergency, String reason, String requestedBy,
    String watch, Integer canary, String batchSize, String maxFailures, String pause)
    implements WorkflowInput {

  /** The most hosts a canary may have: beyond that it is a batch. */
  public static final int MAX_CANARY = 100;

  public DeploymentRequest {
    dryRun = dryRun != null && dryRun;
    emergency = emergency != null && emergency;
    reason = reason == null ? "" : reason;
    requestedBy = requestedBy == null ? "" : requestedBy;
    watch = watch == null ? "" : watch.strip();
    batchSize = batchSize == null ? "" : batchSize.strip();
    maxFailures = maxFailures == null ? "" : maxFailures.strip();
    pause = pause == null ? "" : pause.strip();
  }

  /** A request with the environment's watch window. */
  public DeploymentRequest(String environment, String version, Boolean dryRun, Boolean emergency, String reason,
      String requestedBy) {
    this(environment, version, dryRun, emergency, reason, requestedBy, "");
  }

  /** A request with the environment's rollout. */
  public DeploymentRequest(String environment, String version, Boolean dryRun, Boolean emergency, String reason,
      String requestedBy, String watch) {
    this(environment, version, dryRun, emergency, reason, requestedBy, watch, null, "", "", "");
  }

  /** The same request with {@code watch} as its watch window ({@code "30m"}, {@code "off"}). */
  public DeploymentRequest withWatch(String watch) {
    return new DeploymentRequest(environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize,
        maxFailures, pause);
  }

  /** The same request going through the fleet as given (each null or empty: the environment's). */
  public DeploymentRequest withRollout(Integer canary, String batchSize, String maxFailures, String pause) {
    return new DeploymentRequest(environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize,
        maxFailures, pause);
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
    rules.require(canary == null || (canary >= 0 && canary <= MAX_CANARY),
        "canary " + canary + " is not a number of hosts from 0 to " + MAX_CANARY);
    if (!batchSize.isEmpty()) {
      HostShare.problem(batchSize, 1).ifPresent(problem -> rules.require(false, "batchSize " + problem));
    }
    if (!maxFailures.isEmpty()) {
      HostShare.problem(maxFailures, 0).ifPresent(problem -> rules.require(false, "maxFailures " + problem));
    }
    if (!pause.isEmpty()) {
      RolloutPause.problem(pause).ifPresent(problem -> rules.require(false, "pause " + problem));
    }
    rules.orThrow("deployment request");
  }
}
