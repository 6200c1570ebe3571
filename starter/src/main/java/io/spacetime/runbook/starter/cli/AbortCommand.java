package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "abort",
    description = {"Stop a run; everything it changed is rolled back (the Web UI's Cancel does the same).",
        "", "Example:", "  ./runbook abort deploy-production-v2.5.0-20251202-101500 \\",
        "      --reason \"wrong release\""},
    mixinStandardHelpOptions = true)
public final class AbortCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The run to stop.")
  String workflowId;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the run's report.")
  String reason = "aborted from the CLI";

  @Override
  public Integer call() {
    try (TemporalConnection connection = client.connect()) {
      new RunbookClient(connection).abort(workflowId, reason);
      spec.commandLine().getOut().println("Abort sent to " + workflowId
          + "; it rolls back what it changed. Follow: ./runbook status " + workflowId);
      return ExitCodes.OK;
    }
  }
}
