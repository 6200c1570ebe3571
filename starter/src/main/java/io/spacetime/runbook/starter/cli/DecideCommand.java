package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.deployment.RollbackDecision;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "decide",
    description = {"Answer a deployment's watch window that asks to consider a rollback.",
        "The runbook's \"When to Rollback: Consider Rollback\" (error rate > 1 %% or",
        "p95 > 300 ms after Step 10). --rollback rolls every host back now; --keep",
        "keeps the release and the window goes on watching. Without an answer the",
        "run rolls back after the environment's watch.decisionTimeoutMinutes.",
        "", "Examples:", "  ./runbook decide deploy-production-v2.5.1-20251202-193000 --keep \\",
        "      --by \"Dana (EM)\" --reason \"known spike from the nightly import\"",
        "  ./runbook decide deploy-production-v2.5.1-20251202-193000 --rollback \\",
        "      --by \"Dana (EM)\" --reason \"p95 doubled since the deploy\""},
    mixinStandardHelpOptions = true)
public final class DecideCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The deployment whose watch window asks.")
  String workflowId;

  @ArgGroup(multiplicity = "1")
  Decision decision;

  /** Exactly one of the two answers. */
  static final class Decision {
    @Option(names = "--rollback", required = true, description = "Roll every host back to its previous release now.")
    boolean rollback;

    @Option(names = "--keep", required = true, description = "Keep the release; the window goes on watching.")
    boolean keep;
  }

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who decides.")
  String approver;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; shown in the report.")
  String reason;

  @Override
  public Integer call() {
    RollbackDecision answer = new RollbackDecision(decision.rollback ? RollbackDecision.ROLLBACK : RollbackDecision.KEEP,
        approver, reason);
    answer.validate();
    try (TemporalConnection connection = client.connect()) {
      String recorded = new RunbookClient(connection).decide(workflowId, answer);
      spec.commandLine().getOut().println("Decided: " + recorded);
      return ExitCodes.OK;
    }
  }
}
