package io.spacetime.runbook.starter;

import io.spacetime.runbook.core.Outcome;
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

  /** Prints the outcome line, writes the report if asked, and returns the exit code. */
  int finish(PrintWriter out, Outcome outcome, String message, String markdown) throws IOException {
    out.println();
    out.println(outcome + ": " + message);
    if (report != null) {
      Files.writeString(report, markdown);
      out.println("Report: " + report.toAbsolutePath());
    }
    return ExitCodes.of(outcome);
  }
}
