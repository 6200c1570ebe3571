package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.deployment.RolloutApproval;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "continue",
    description = {"Answer a rollout that waits for approval between two batches.",
        "A deployment with --pause approval stops after each batch (the canary",
        "first) and waits for this answer: the next batch is deployed, or with",
        "--rollback every host deployed so far is rolled back, newest first.",
        "Without an answer the rollout rolls back after the environment's",
        "rollout.approvalTimeoutMinutes (default 60).",
        "", "Examples:", "  ./runbook continue deploy-production-v2.5.2-20251202-103000 \\",
        "      --by \"Dana (EM)\" --reason \"canary error rate flat for 10 min\"",
        "  ./runbook continue deploy-production-v2.5.2-20251202-103000 --rollback \\",
        "      --by \"Dana (EM)\" --reason \"canary p95 doubled\""},
    mixinStandardHelpOptions = true)
public final class ContinueCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The deployment whose rollout waits.")
  String workflowId;

  @Option(names = "--rollback", description = "Roll back every host deployed so far instead of going on.")
  boolean rollback;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who decides.")
  String approver;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; shown in the report.")
  String reason;

  @Override
  public Integer call() {
    RolloutApproval answer = new RolloutApproval(rollback ? RolloutApproval.ROLLBACK : RolloutApproval.CONTINUE,
        approver, reason);
    answer.validate();
    try (TemporalConnection connection = client.connect()) {
      String recorded = new RunbookClient(connection).continueRollout(workflowId, answer);
      spec.commandLine().getOut().println("Decided: " + recorded);
      return ExitCodes.OK;
    }
  }
}
