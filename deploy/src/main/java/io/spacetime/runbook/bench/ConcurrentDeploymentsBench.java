package io.spacetime.runbook.bench;

import com.google.protobuf.Timestamp;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (g) N deployments at once, one environment of one host each, executed by one worker process and
 * then by two on the same task queue: deployments per minute (from the first start to the last
 * close, server times) and the p95 of one deployment's duration. Both rounds use worker processes
 * of their own ({@code runbook worker} in a JVM each, the production worker's capacity variables),
 * so the comparison is worker against worker, not the bench's in-process worker.
 */
final class ConcurrentDeploymentsBench {

  /** The workers of (g) poll a queue of their own: the bench's in-process worker never takes a task. */
  static final String QUEUE = "runbook-bench-workers";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

  private final WorkflowClient client;
  private final String address;
  private final Path dir;
  private final PrintWriter out;

  ConcurrentDeploymentsBench(WorkflowClient client, String address, Path dir, PrintWriter out) {
    this.client = client;
    this.address = address;
    this.dir = dir;
    this.out = out;
  }

  /** Deploys to every host of {@code sandbox} at once, with 1 worker and then 2; four figures. */
  List<BenchFigure> run(Sandbox sandbox) throws Exception {
    List<String> environments = EnvironmentPerHost.split(sandbox.environmentFile(), "bench-concurrent");
    int n = environments.size();
    out.println("bench: (g) " + n + " deployments at once, 1 worker process ...");
    Round one = round(sandbox, environments, 1, "v3.0.0");
    out.println("bench: (g) " + n + " deployments at once, 2 worker processes ...");
    Round two = round(sandbox, environments, 2, "v3.0.1");
    String ratio = String.format(Locale.ROOT, "2 workers / 1 worker: throughput x%.2f, p95 x%.2f",
        two.perMinute() / one.perMinute(), two.p95Seconds() / one.p95Seconds());
    return List.of(
        new BenchFigure("g", n + " deployments, 1 worker: per minute", one.perMinute(), BenchFigure.Unit.PER_MINUTE,
            null, one.detail()),
        new BenchFigure("g", n + " deployments, 1 worker: p95 duration", one.p95Seconds(), BenchFigure.Unit.SECONDS,
            null, ""),
        new BenchFigure("g", n + " deployments, 2 workers: per minute", two.perMinute(), BenchFigure.Unit.PER_MINUTE,
            null, two.detail() + "; " + ratio),
        new BenchFigure("g", n + " deployments, 2 workers: p95 duration", two.p95Seconds(), BenchFigure.Unit.SECONDS,
            null, ""));
  }

  /**
   * @param activityShare activities started by each worker process, in the order they were started
   * @param scheduleToStartP95Ms how long an activity waited for a worker to take it (p95): the queue
   * @param workflowTaskWaitP95Ms how long a workflow task waited for a worker to take it (p95)
   * @param slowestSteps the steps that took longest on average, where a deployment's time goes
   * @param workerCpuSeconds CPU each worker process used from its start to the round's end
   */
  private record Round(int deployments, double wallSeconds, List<Double> durations,
      List<Long> activityShare, long scheduleToStartP95Ms, long workflowTaskWaitP95Ms, String slowestSteps,
      List<Double> workerCpuSeconds) {

    double perMinute() {
      return deployments / wallSeconds * 60;
    }

    double p95Seconds() {
      List<Long> ms = durations.stream().map(s -> Math.round(s * 1000)).sorted().toList();
      return Percentiles.of(ms, 95) / 1000.0;
    }

    double p50Seconds() {
      List<Long> ms = durations.stream().map(s -> Math.round(s * 1000)).sorted().toList();
      return Percentiles.of(ms, 50) / 1000.0;
    }

    String detail() {
      return String.format(Locale.ROOT, "%d SUCCEEDED in %.1f s, one deployment p50 %.1f s / p95 %.1f s,"
          + " activities per worker %s, schedule-to-start p95 %d ms (activities) / %d ms (workflow tasks), worker"
          + " CPU %s s; slowest steps (mean): %s", deployments, wallSeconds, p50Seconds(), p95Seconds(), activityShare,
          scheduleToStartP95Ms, workflowTaskWaitP95Ms, workerCpuSeconds, slowestSteps);
    }
  }

  private Round round(Sandbox sandbox, List<String> environments, int workers, String version) throws Exception {
    sandbox.stageRelease(version);
    List<BenchWorkerProcess> processes = new ArrayList<>();
    try {
      for (int i = 1; i <= workers; i++) {
        processes.add(BenchWorkerProcess.start(address, QUEUE, sandbox.environmentFile().getParent(),
            dir.resolve("workers-" + workers + "-" + i)));
      }
      for (BenchWorkerProcess process : processes) {
        process.awaitReady(Duration.ofSeconds(90));
      }
      RunbookClient runbooks = new RunbookClient(client, QUEUE, Clock.systemUTC());
      Map<String, String> runs = new LinkedHashMap<>();
      for (String environment : environments) {
        runs.put(environment, runbooks.startDeployment(DeploymentRequest.of(environment, version).withWatch("off")));
      }
      List<DeploymentResult> results = new ArrayList<>();
      for (Map.Entry<String, String> run : runs.entrySet()) {
        DeploymentResult result = runbooks.deploymentResult(run.getValue(), RUN_TIMEOUT);
        if (result.outcome() != Outcome.SUCCEEDED) {
          throw new IllegalStateException("(g): the deployment to " + run.getKey() + " ended " + result.outcome()
              + " at " + result.failedStep() + ": " + result.message());
        }
        results.add(result);
      }
      return measured(runbooks, runs, processes, slowestSteps(results));
    } finally {
      for (BenchWorkerProcess process : processes) {
        process.close();
      }
    }
  }

  private Round measured(RunbookClient runbooks, Map<String, String> runs, List<BenchWorkerProcess> processes,
      String slowestSteps) {
    long firstStart = Long.MAX_VALUE;
    long lastClose = Long.MIN_VALUE;
    List<Double> durations = new ArrayList<>();
    List<String> identities = new ArrayList<>();
    List<Long> scheduleToStart = new ArrayList<>();
    List<Long> workflowTaskWait = new ArrayList<>();
    for (String id : runs.values()) {
      WorkflowExecutionInfo info = runbooks.describe(id).getWorkflowExecutionInfo();
      long start = millis(info.getStartTime());
      long close = millis(info.getCloseTime());
      firstStart = Math.min(firstStart, start);
      lastClose = Math.max(lastClose, close);
      durations.add((close - start) / 1000.0);
      Map<Long, Long> scheduledAt = new java.util.HashMap<>();
      for (HistoryEvent e : client.fetchHistory(id).getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
          scheduledAt.put(e.getEventId(), millis(e.getEventTime()));
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
          Long scheduled = scheduledAt.get(e.getWorkflowTaskStartedEventAttributes().getScheduledEventId());
          if (scheduled != null) {
            workflowTaskWait.add(millis(e.getEventTime()) - scheduled);
          }
        } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          scheduledAt.put(e.getEventId(), millis(e.getEventTime()));
        } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          var started = e.getActivityTaskStartedEventAttributes();
          identities.add(started.getIdentity());
          Long scheduled = scheduledAt.get(started.getScheduledEventId());
          // A retry's Started carries its first attempt's Scheduled: only first attempts measure the queue.
          if (scheduled != null && started.getAttempt() == 1) {
            scheduleToStart.add(millis(e.getEventTime()) - scheduled);
          }
        }
      }
    }
    List<Long> share = new ArrayList<>();
    for (BenchWorkerProcess process : processes) {
      share.add(identities.stream().filter(identity -> identity.startsWith(process.pid() + "@")).count());
    }
    Collections.sort(durations);
    List<Double> cpu = processes.stream().map(p -> Math.round(p.cpuSeconds() * 10) / 10.0).toList();
    return new Round(runs.size(), (lastClose - firstStart) / 1000.0, durations, share, p95(scheduleToStart),
        p95(workflowTaskWait), slowestSteps, cpu);
  }

  private static long p95(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : Percentiles.of(sorted, 95);
  }

  /** The three steps with the longest mean duration over {@code results}: "Step 5 8.1 s, ...". */
  private static String slowestSteps(List<DeploymentResult> results) {
    Map<String, List<Long>> byStep = new LinkedHashMap<>();
    for (DeploymentResult result : results) {
      for (StepResult step : result.steps()) {
        byStep.computeIfAbsent(step.id(), k -> new ArrayList<>()).add(step.finishedAt() - step.startedAt());
      }
    }
    return byStep.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue().stream().mapToLong(Long::longValue).average().orElse(0)))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(3)
        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue() / 1000))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }
}
