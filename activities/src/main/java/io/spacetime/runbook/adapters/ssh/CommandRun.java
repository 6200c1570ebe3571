package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.ports.hosts.CommandEvidence;

/**
 * One remote command's result: the {@link CommandEvidence} for history and reports (8 KB tails),
 * and a larger tail of stdout for parsing.
 */
public record CommandRun(CommandEvidence evidence, String stdout, String stderr) {

  public int exitCode() {
    return evidence.exitCode();
  }

  public boolean succeeded() {
    return evidence.succeeded();
  }

  public Sections sections() {
    return Sections.parse(stdout);
  }

  /** This run, or a non-retryable {@code HostCommandFailed} saying what failed where and why. */
  public CommandRun requireSuccess(String what) {
    if (!succeeded()) {
      throw AdapterFailures.nonRetryable(FailureTypes.HOST_COMMAND_FAILED,
          "on host " + evidence.host() + ", " + what + " failed (exit " + exitCode() + "): "
              + lastLines(stderr.isBlank() ? stdout : stderr, 3)
              + " [command: " + abbreviate(evidence.command()) + "]",
          evidence);
    }
    return this;
  }

  static String lastLines(String text, int count) {
    String[] lines = text.strip().split("\n");
    int from = Math.max(0, lines.length - count);
    String joined = String.join(" / ", java.util.Arrays.asList(lines).subList(from, lines.length));
    return joined.isBlank() ? "(no output)" : joined;
  }

  static String abbreviate(String command) {
    String oneLine = command.replace('\n', ' ');
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
