package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "approve",
    description = {"Approve an emergency deployment waiting outside the deployment window.",
        "The runbook: \"Emergency Deployment: As needed, with manager approval\".",
        "", "Example:", "  ./runbook approve deploy-production-v2.5.1-20251202-193000 \\",
        "      --by \"Dana (EM)\" --reason \"CVE-2025-1234 hotfix\""},
    mixinStandardHelpOptions = true)
public final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The waiting deployment.")
  String workflowId;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "The approving manager.")
  String approver;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the emergency justifies it.")
  String reason;

  @Override
  public Integer call() {
    EmergencyApproval approval = new EmergencyApproval(approver, reason);
    approval.validate();
    try (TemporalConnection connection = client.connect()) {
      String recorded = new RunbookClient(connection).approve(workflowId, approval);
      spec.commandLine().getOut().println("Approved: " + recorded);
      return ExitCodes.OK;
    }
  }
}
