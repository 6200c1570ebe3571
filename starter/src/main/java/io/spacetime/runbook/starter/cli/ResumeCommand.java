package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.resume.ResumePoint;
import io.spacetime.runbook.starter.resume.RunResumer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume",
    description = {"Go on with a run that stopped half way, after a fix.",
        "The steps that passed are not run again.",
        "A deployment or emergency rollback that ended ROLLBACK_FAILED goes on",
        "from its first failed undo (then every undo after it runs again and",
        "is verified again); one that ended ABORTED, before any change, goes on",
        "from its failed check. The environment lock is taken first, then the",
        "run is reset there (Temporal reset: same workflow id, new run id).",
        "Refused, with the reason, for runs that rolled back cleanly, were",
        "cancelled or finished: start a new run. Needs a server that can reset",
        "(./runbook dev-server or a cluster; not the embedded test server).",
        "", "Examples:", "  ./runbook resume deploy-production-v2.5.2-20251202-103000 --dry-run",
        "  ./runbook resume deploy-production-v2.5.2-20251202-103000 \\",
        "      --by \"Sam (SRE)\" --reason \"disk freed on host-2\" --wait"},
    mixinStandardHelpOptions = true)
public final class ResumeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The run to go on with.")
  String workflowId;

  @Option(names = "--dry-run", description = "Print where the run would go on from; change nothing.")
  boolean dryRun;

  @Option(names = "--by", paramLabel = "NAME", description = "Who resumes (required unless --dry-run).")
  String by;

  @Option(names = "--reason", paramLabel = "TEXT", description = "What was fixed; in the reset's reason.")
  String reason;

  @Override
  public Integer call() throws Exception {
    if (!dryRun) {
      InputRules.check()
          .require(by != null && !by.isBlank(), "--by is required: who resumes the run")
          .require(reason != null && !reason.isBlank(), "--reason is required: what was fixed")
          .orThrow("resume");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = client.connect()) {
      RunResumer resumer = new RunResumer(connection.client(), connection.settings().taskQueue());
      ResumePoint point = resumer.plan(workflowId);
      out.println(workflowId + " ended " + point.outcome() + "; it goes on from " + point.whatRunsAgain() + ".");
      if (dryRun) {
        out.println("Reset point: workflow task completed event " + point.workflowTaskCompletedEventId()
            + " of run " + point.runId() + " (the Web UI's Reset to that event does the same, without taking the lock).");
        return ExitCodes.OK;
      }
      String newRun = resumer.resume(point, by, reason);
      out.println("Resumed " + workflowId + " as run " + newRun + " (environment " + point.environment() + " locked for it)");
      out.println("Follow: ./runbook status " + workflowId + "   Stop and roll back: ./runbook abort " + workflowId);
      return wait.wait ? follow(new RunbookClient(connection), point, out) : ExitCodes.OK;
    }
  }

  private int follow(RunbookClient runbooks, ResumePoint point, PrintWriter out) throws Exception {
    ProgressPrinter printer = new ProgressPrinter(runbooks, out);
    try {
      if (DeploymentWorkflow.TYPE.equals(point.workflowType())) {
        DeploymentResult result = printer.follow(workflowId, runbooks.deploymentResultAsync(workflowId), wait.timeout());
        return wait.finish(out, runbooks, workflowId, result.outcome(), result.message(), result.report());
      }
      RollbackResult result = printer.follow(workflowId, runbooks.rollbackResultAsync(workflowId), wait.timeout());
      return wait.finish(out, runbooks, workflowId, result.outcome(), result.message(), result.report());
    } catch (RuntimeException e) {
      if (!WaitOptions.isCancellation(e)) {
        throw e;
      }
      return wait.finishCancelled(out, runbooks, workflowId, "Resumed run " + workflowId);
    }
  }
}
