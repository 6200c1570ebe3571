package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.document.RunbookWorkflow;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status",
    description = {"Show a run: its state, the step it is on, what it waits for, and every step so far.",
        "For a finished run, its outcome (and with --report, the whole Markdown report).",
        "", "Example:", "  ./runbook status deploy-production-v2.5.0-20251202-101500"},
    mixinStandardHelpOptions = true)
public final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The id printed when the run started.")
  String workflowId;

  @Option(names = "--report", description = "Print the full Markdown report of a finished run.")
  boolean report;

  @Override
  public Integer call() throws Exception {
    try (TemporalConnection connection = client.connect()) {
      RunbookClient runbooks = new RunbookClient(connection);
      var description = runbooks.describe(workflowId);
      var out = spec.commandLine().getOut();
      WorkflowExecutionStatus status = description.getWorkflowExecutionInfo().getStatus();
      out.println(workflowId + " (" + description.getWorkflowType() + "): "
          + status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        printResult(runbooks, description.getWorkflowType(), out);
        return ExitCodes.OK;
      }
      Progress progress = runbooks.progress(workflowId);
      if (progress.outcome() != null) {
        out.println("Outcome: " + progress.outcome());
      }
      if (!progress.currentStep().isEmpty()) {
        out.println("Now: " + progress.currentStep());
      }
      if (!progress.waitingFor().isEmpty()) {
        out.println("Waiting for: " + progress.waitingFor());
      }
      for (StepResult step : progress.steps()) {
        out.println("  " + ProgressPrinter.line(step));
      }
      return ExitCodes.OK;
    }
  }

  private void printResult(RunbookClient runbooks, String type, java.io.PrintWriter out) throws Exception {
    // Each runbook's result type; a document run's is read as a document's, not as a rollback's.
    Outcome outcome;
    String message;
    String summary;
    if (DeploymentWorkflow.TYPE.equals(type)) {
      DeploymentResult r = runbooks.deploymentResult(workflowId, Duration.ofSeconds(10));
      outcome = r.outcome();
      message = r.message();
      summary = r.report();
    } else if (RunbookWorkflow.TYPE.equals(type)) {
      RunbookResult r = runbooks.result(workflowId, RunbookResult.class, Duration.ofSeconds(10));
      outcome = r.outcome();
      message = r.message();
      summary = r.report();
    } else {
      RollbackResult r = runbooks.rollbackResult(workflowId, Duration.ofSeconds(10));
      outcome = r.outcome();
      message = r.message();
      summary = r.report();
    }
    out.println(outcome + ": " + message);
    out.println(report ? runbooks.fullReport(workflowId, summary) : "(--report prints the full report)");
  }

}
