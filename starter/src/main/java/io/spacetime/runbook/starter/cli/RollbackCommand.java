package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback",
    description = {
        "Run the Emergency Rollback Procedure on every host of an environment.",
        "Stop, restore the last release known good (or --to-version) and its configuration,",
        "start, verify health and the version served, and tell the team the reason.",
        "",
        "Examples:",
        "  ./runbook rollback --env production --wait \\",
        "      --reason \"error rate 7%% after v2.5.0\"",
        "  ./runbook rollback --env production --to-version v2.4.0 \\",
        "      --reason \"back to last known good\""},
    mixinStandardHelpOptions = true)
public final class RollbackCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin WaitOptions wait;

  @Option(names = {"--env", "-e"}, required = true, paramLabel = "ENV", description = "Environment name.")
  String environment;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; posted to the team when done.")
  String reason;

  @Option(names = "--to-version", paramLabel = "VERSION",
      description = "Release to restore (must exist as production-VERSION); default: the previous one.")
  String toVersion = "";

  @Option(names = "--by", paramLabel = "NAME", description = "Who asks (default: $USER).")
  String requestedBy = Optional.ofNullable(System.getenv("USER")).orElse("");

  @Override
  public Integer call() throws Exception {
    RollbackRequest request = new RollbackRequest(environment, reason, toVersion, requestedBy);
    request.validate();
    try (TemporalConnection connection = client.connect()) {
      RunbookClient runbooks = new RunbookClient(connection);
      String id = runbooks.startRollback(request);
      var out = spec.commandLine().getOut();
      out.println("Started " + id + " (emergency rollback of " + environment + ")");
      if (!wait.wait) {
        return ExitCodes.OK;
      }
      try {
        RollbackResult result = new ProgressPrinter(runbooks, out).follow(id,
            runbooks.rollbackResultAsync(id), wait.timeout());
        return wait.finish(out, runbooks, id, result.outcome(), result.message(), result.report());
      } catch (RuntimeException e) {
        if (!WaitOptions.isCancellation(e)) {
          throw e;
        }
        return wait.finishCancelled(out, runbooks, id, "Emergency rollback of " + environment);
      }
    }
  }
}
