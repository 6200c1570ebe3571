package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.document.StepApproval;

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
    description = {"Approve an emergency deployment, or answer a runbook document's approve step.",
        "An emergency deployment waits outside the deployment window; a document's run",
        "(runbook-...) waits on its approve step: --reject fails that step.",
        "The runbook: \"Emergency Deployment: As needed, with manager approval\".",
        "", "Examples:", "  ./runbook approve deploy-production-v2.5.1-20251202-193000 \\",
        "      --by \"Dana (EM)\" --reason \"CVE-2025-1234 hotfix\"",
        "  ./runbook approve runbook-maintenance-marker-sandbox-20251202-101500-1a2b \\",
        "      --by Dana --reason \"not today\" --reject"},
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

  @Option(names = "--reject", description = "A runbook document's approve step: reject (the step fails) instead of approve.")
  boolean reject;

  @Override
  public Integer call() {
    if (workflowId.startsWith("runbook-")) {
      StepApproval answer = new StepApproval(reject ? StepApproval.REJECT : StepApproval.APPROVE, approver, reason);
      answer.validate();
      try (TemporalConnection connection = client.connect()) {
        String recorded = new RunbookClient(connection).approveStep(workflowId, answer);
        spec.commandLine().getOut().println((reject ? "Rejected: " : "Approved: ") + recorded);
        return ExitCodes.OK;
      }
    }
    if (reject) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--reject answers a runbook document's approve step (a runbook-... run); an emergency deployment is approved or left waiting");
    }
    EmergencyApproval approval = new EmergencyApproval(approver, reason);
    approval.validate();
    try (TemporalConnection connection = client.connect()) {
      String recorded = new RunbookClient(connection).approve(workflowId, approval);
      spec.commandLine().getOut().println("Approved: " + recorded);
      return ExitCodes.OK;
    }
  }
}
