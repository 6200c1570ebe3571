package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.core.MarkdownReport;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a run for {@code --wait}: prints each step as it completes and what the run waits for,
 * by polling the {@code progress} query, until the result arrives.
 */
public final class ProgressPrinter {

  private static final Duration POLL = Duration.ofMillis(500);

  private final RunbookClient client;
  private final PrintWriter out;
  private int printed;
  private String lastWaiting = "";
  private boolean toldNoWorker;

  public ProgressPrinter(RunbookClient client, PrintWriter out) {
    this.client = client;
    this.out = out;
  }

  /** Prints steps until {@code result} completes or {@code timeout} passes; returns the result. */
  public <R> R follow(String workflowId, CompletableFuture<R> result, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        R value = result.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        printNewSteps(workflowId);
        return value;
      } catch (TimeoutException stillRunning) {
        printNewSteps(workflowId);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("still running after " + timeout + "; follow it with: ./runbook status " + workflowId);
      }
    }
  }

  private void printNewSteps(String workflowId) {
    Progress progress;
    try {
      progress = client.progress(workflowId);
    } catch (RuntimeException e) {
      if (!toldNoWorker) {
        out.println("  … no answer to the progress query yet (is a worker running on the task queue?)");
        toldNoWorker = true;
      }
      return;
    }
    for (StepResult step : progress.steps().subList(Math.min(printed, progress.steps().size()), progress.steps().size())) {
      out.println("  " + line(step));
    }
    printed = progress.steps().size();
    if (!progress.waitingFor().equals(lastWaiting)) {
      lastWaiting = progress.waitingFor();
      if (!lastWaiting.isEmpty()) {
        out.println("  ⏳ waiting for " + lastWaiting);
      }
    }
  }

  /** One line per step: icon, label, summary, duration. */
  public static String line(StepResult step) {
    long ms = Math.max(0, step.finishedAt() - step.startedAt());
    String summary = step.summary().isEmpty() ? "" : ": " + step.summary();
    return MarkdownReport.icon(step.status()) + " " + step.label() + summary
        + (ms > 0 ? String.format(" (%.1f s)", ms / 1000.0) : "");
  }
}
