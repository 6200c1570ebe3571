package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.core.MarkdownReport;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait}, {@code --timeout} and {@code --report}, shared by the commands that start runs. */
public final class WaitOptions {

  @Option(names = {"--wait", "-w"}, description = "Follow the run step by step and exit with its outcome.")
  boolean wait;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT3H",
      description = "How long --wait waits, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--report", paramLabel = "FILE", description = "With --wait: write the Markdown report to FILE.")
  Path report;

  Duration timeout() {
    return timeout;
  }

  /**
   * A run cancelled from the Web UI or {@code abort} closes as Canceled without a result; its
   * rollback still ran, and the {@code progress} query (answered after close) has the outcome and steps.
   */
  int finishCancelled(PrintWriter out, RunbookClient client, String workflowId, String title) throws IOException {
    Progress progress = client.progress(workflowId);
    Outcome outcome = progress.outcome() == null ? Outcome.CANCELLED : progress.outcome();
    String message = outcome == Outcome.CANCELLED
        ? "cancelled; everything it changed was rolled back"
        : "cancelled, but a rollback action failed: a person must act now (see the report)";
    return conclude(out, outcome, message, MarkdownReport.render(title, outcome, message, progress.steps()));
  }

  static boolean isCancellation(RuntimeException e) {
    return e instanceof WorkflowFailedException && e.getCause() instanceof CanceledFailure;
  }

  /**
   * Prints the outcome line, writes the full report (every step with its evidence, not the
   * result's bounded {@code summary}) if asked, and returns the exit code.
   */
  int finish(PrintWriter out, RunbookClient client, String workflowId, Outcome outcome, String message, String summary)
      throws IOException {
    return conclude(out, outcome, message, report == null ? summary : client.fullReport(workflowId, summary));
  }

  private int conclude(PrintWriter out, Outcome outcome, String message, String markdown) throws IOException {
    out.println();
    out.println(outcome + ": " + message);
    if (report != null) {
      Files.writeString(report, markdown);
      out.println("Report: " + report.toAbsolutePath());
    }
    return ExitCodes.of(outcome);
  }
}
