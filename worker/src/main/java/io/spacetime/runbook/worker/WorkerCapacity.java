package io.spacetime.runbook.worker;

import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Map;

/**
 * How much one worker process takes on at once, from the environment (or the defaults below).
 *
 * <p>The defaults are sized for a thousand open incidents on one worker: every open incident is a
 * long-lived run whose clock fires every few minutes. A run the worker keeps cached answers its
 * next task from memory; one evicted from the cache is replayed from its whole history first,
 * which for a thousand runs whose timers fall due together is minutes of CPU (the SDK's default
 * cache of 600 runs and 600 workflow threads measured a p99 timer lateness of 40 s here). A cached
 * incident holds two workflow threads (its clock loop and its response), hence twice the threads.
 *
 * <pre>
 * RUNBOOK_WORKFLOW_CACHE        runs kept in memory between tasks        (default 2000)
 * RUNBOOK_WORKFLOW_THREADS      workflow threads of the cached runs      (default 4000)
 * RUNBOOK_WORKFLOW_TASK_SLOTS   workflow tasks executed at once          (default 200)
 * RUNBOOK_ACTIVITY_SLOTS        activities executed at once              (default 64)
 * RUNBOOK_WORKFLOW_POLLERS      concurrent polls for workflow tasks      (default 5)
 * RUNBOOK_ACTIVITY_POLLERS      concurrent polls for activity tasks      (default 5)
 * RUNBOOK_HOST_CONCURRENCY      commands at once on one host             (default 4)
 * </pre>
 *
 * <p>Activity slots bound SSH sessions and HTTP probes per process, not CPU: a deployment's steps
 * wait on remote hosts. Raise them with the SSH servers' session limits in mind. The host
 * concurrency is per process too: with W workers a host may see W times as many commands.
 */
public record WorkerCapacity(int workflowCache, int workflowThreads, int workflowTaskSlots, int activitySlots,
    int workflowPollers, int activityPollers, int hostConcurrency) {

  public static final WorkerCapacity DEFAULTS = new WorkerCapacity(2000, 4000, 200, 64, 5, 5,
      HostConnections.defaultHostConcurrency());

  public WorkerCapacity {
    if (workflowThreads < workflowCache) {
      throw new IllegalArgumentException("RUNBOOK_WORKFLOW_THREADS (" + workflowThreads
          + ") must be at least RUNBOOK_WORKFLOW_CACHE (" + workflowCache + "): each cached run holds a thread");
    }
  }

  public static WorkerCapacity fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the variables above from {@code environment}; a bad value is refused naming the variable. */
  public static WorkerCapacity from(Map<String, String> environment) {
    return new WorkerCapacity(
        count(environment, "RUNBOOK_WORKFLOW_CACHE", DEFAULTS.workflowCache, 100_000),
        count(environment, "RUNBOOK_WORKFLOW_THREADS", DEFAULTS.workflowThreads, 200_000),
        count(environment, "RUNBOOK_WORKFLOW_TASK_SLOTS", DEFAULTS.workflowTaskSlots, 10_000),
        count(environment, "RUNBOOK_ACTIVITY_SLOTS", DEFAULTS.activitySlots, 10_000),
        count(environment, "RUNBOOK_WORKFLOW_POLLERS", DEFAULTS.workflowPollers, 100),
        count(environment, "RUNBOOK_ACTIVITY_POLLERS", DEFAULTS.activityPollers, 100),
        count(environment, "RUNBOOK_HOST_CONCURRENCY", DEFAULTS.hostConcurrency, 1000));
  }

  /** The factory options (the runbook interceptors included) with this cache and thread count. */
  public WorkerFactoryOptions factoryOptions(WorkerInterceptor... more) {
    return WorkerFactoryOptions.newBuilder(RunbookWorkerOptions.factoryOptions(more))
        .setWorkflowCacheSize(workflowCache)
        .setMaxWorkflowThreadCount(workflowThreads)
        .build();
  }

  public WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentWorkflowTaskExecutionSize(workflowTaskSlots)
        .setMaxConcurrentActivityExecutionSize(activitySlots)
        .setMaxConcurrentWorkflowTaskPollers(workflowPollers)
        .setMaxConcurrentActivityTaskPollers(activityPollers)
        .build();
  }

  @Override
  public String toString() {
    return "workflow cache " + workflowCache + ", workflow threads " + workflowThreads + ", workflow task slots "
        + workflowTaskSlots + ", activity slots " + activitySlots + ", pollers " + workflowPollers + " workflow / "
        + activityPollers + " activity, " + hostConcurrency + " commands at once per host";
  }

  private static int count(Map<String, String> environment, String name, int fallback, int max) {
    String value = environment.getOrDefault(name, "").trim();
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // answered below with what is accepted
    }
    throw new IllegalArgumentException(name + "=" + value + " is not accepted: a whole number from 1 to " + max
        + " (default " + fallback + ")");
  }
}
