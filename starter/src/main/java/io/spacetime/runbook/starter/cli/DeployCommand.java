package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy",
    description = {
        "Deploy a release as RUNBOOK_DEPLOYMENT.md says, rolling back by itself.",
        "The pre-deployment checklist and tests, then Steps 1-10 host by host. A failing",
        "gate after the first change rolls every change back, newest first.",
        "",
        "A rollout (--canary, --batch-size, --max-failures, --pause, or the",
        "environment's rollout: section) deploys the canary alone, then batches whose",
        "hosts run side by side, each host in a child workflow. A failed host is",
        "rolled back at once. More failed hosts than --max-failures, a failed canary",
        "or a host that could not be restored stops the rollout: every host deployed",
        "so far is rolled back, newest first. Fewer: the run ends PARTIALLY_DEPLOYED.",
        "",
        "Examples:",
        "  ./runbook deploy --env sandbox --version v2.5.0 --wait",
        "  ./runbook deploy --env production --version v2.5.0 --dry-run --wait",
        "  ./runbook deploy --env production --version v2.5.1 --emergency \\",
        "      --reason \"CVE fix\" --wait",
        "  ./runbook deploy --env production --version v2.5.2 --watch 45m --wait",
        "  ./runbook deploy --env production --version v2.5.2 --canary 1 \\",
        "      --batch-size 25%% --max-failures 1 --pause approval --wait",
        "  ./runbook continue deploy-production-v2.5.2-20251202-103000 \\",
        "      --by Dana --reason \"canary looks fine\"",
        "",
        "After Step 10 the release is watched (the environment's watch.windowMinutes,",
        "runbook: 30 minutes; --watch overrides it): error rate and p95 are sampled",
        "every watch.intervalSeconds, from Prometheus when watch.prometheusUrl is set,",
        "else from every host's /status and /scene/load. Error rate > 5 %% or p95 >",
        "500 ms rolls back by itself; > 1 %% or > 300 ms notifies \"consider rollback\"",
        "and waits for the decideRollback update (Web UI: Send an Update), rolling",
        "back when none comes within watch.decisionTimeoutMinutes.",
        "",
        "Exit codes with --wait: 0 SUCCEEDED, 2 ROLLED_BACK/ABORTED/CANCELLED,",
        "3 ROLLBACK_FAILED, 4 PARTIALLY_DEPLOYED, 1 bad usage or an error."})
public final class DeployCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  // Not the standard help mixin: its -V/--version would take the name this command needs for the release.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
  @Mixin ClientOptions client;
  @Mixin WaitOptions wait;

  @Option(names = {"--env", "-e"}, required = true, paramLabel = "ENV",
      description = "Environment name: the file environments/ENV.yaml on the worker.")
  String environment;

  @Option(names = {"--version", "-v"}, required = true, paramLabel = "VERSION",
      description = "Release in staging to deploy, e.g. v2.5.0.")
  String version;

  @Option(names = "--dry-run", description = "Run only the read-only checks and print the plan of changes.")
  boolean dryRun;

  @Option(names = "--emergency", description = "Outside the deployment window, wait for `approve` instead of refusing.")
  boolean emergency;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required with --emergency); shown in notifications.")
  String reason = "";

  @Option(names = "--watch", paramLabel = "DURATION|off",
      description = "How long to watch the release after Step 10: 30s, 45m, 2h (at most 24h), or off."
          + " Default: the environment's watch.windowMinutes.")
  String watch = "";

  @Option(names = "--canary", paramLabel = "N",
      description = "Hosts deployed first, alone; if one fails no other host is touched. 0: no canary.")
  Integer canary;

  @Option(names = "--batch-size", paramLabel = "N|P%",
      description = "Hosts per batch after the canary, side by side: 5, or 25%% of the fleet. Default 1.")
  String batchSize = "";

  @Option(names = "--max-failures", paramLabel = "N|P%",
      description = "Failed hosts tolerated (each rolled back): 1, or 10%% of the fleet. One more rolls"
          + " back the whole rollout. Default 0.")
  String maxFailures = "";

  @Option(names = "--pause", paramLabel = "none|DURATION|approval",
      description = "Between batches: none, a wait (5m), or approval (wait for `continue`).")
  String pause = "";

  @Option(names = "--by", paramLabel = "NAME", description = "Who asks (default: $USER).")
  String requestedBy = Optional.ofNullable(System.getenv("USER")).orElse("");

  @Override
  public Integer call() throws Exception {
    DeploymentRequest request = new DeploymentRequest(environment, version, dryRun, emergency, reason, requestedBy, watch,
        canary, batchSize, maxFailures, pause);
    request.validate();
    try (TemporalConnection connection = client.connect()) {
      RunbookClient runbooks = new RunbookClient(connection);
      String id = runbooks.startDeployment(request);
      var out = spec.commandLine().getOut();
      out.println("Started " + id + " (" + (dryRun ? "dry run, " : "") + version + " -> " + environment + ")");
      out.println("Follow: ./runbook status " + id + "   Stop and roll back: ./runbook abort " + id);
      if (!wait.wait) {
        return ExitCodes.OK;
      }
      try {
        DeploymentResult result = new ProgressPrinter(runbooks, out).follow(id,
            runbooks.deploymentResultAsync(id), wait.timeout());
        return wait.finish(out, runbooks, id, result.outcome(), result.message(), result.report());
      } catch (RuntimeException e) {
        if (!WaitOptions.isCancellation(e)) {
          throw e;
        }
        return wait.finishCancelled(out, runbooks, id, "Deployment of " + version + " to " + environment);
      }
    }
  }
}
