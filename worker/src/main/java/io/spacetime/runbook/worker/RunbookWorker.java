package io.spacetime.runbook.worker;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.core.InputGuard;
import io.spacetime.runbook.deployment.DeploymentWorkflowImpl;
import io.spacetime.runbook.document.RunbookWorkflowImpl;
import io.spacetime.runbook.deployment.HostDeploymentWorkflowImpl;
import io.spacetime.runbook.deployment.HostRollbackWorkflowImpl;
import io.spacetime.runbook.incident.IncidentIndexWorkflowImpl;
import io.spacetime.runbook.incident.IncidentWorkflowImpl;
import io.spacetime.runbook.lock.EnvironmentLockWorkflowImpl;
import io.spacetime.runbook.rollback.RollbackWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process side of the engine: one task queue serving every runbook workflow and the activity
 * adapters they call. Shutdown is graceful: polling stops, running activities get a grace period,
 * and whatever was in flight resumes on the next worker (that is Temporal's job, not ours).
 */
public final class RunbookWorker {

  private static final Logger log = LoggerFactory.getLogger(RunbookWorker.class);
  /** Every workflow implementation this worker runs. */
  static final List<Class<?>> WORKFLOWS = List.of(DeploymentWorkflowImpl.class, HostDeploymentWorkflowImpl.class,
      HostRollbackWorkflowImpl.class, RollbackWorkflowImpl.class, EnvironmentLockWorkflowImpl.class,
      IncidentWorkflowImpl.class, IncidentIndexWorkflowImpl.class, RunbookWorkflowImpl.class);

  private final WorkerFactory factory;
  private final ActivityAdapters adapters;
  private final ActivityKeepAlive keepAlive;

  private RunbookWorker(WorkerFactory factory, ActivityAdapters adapters, ActivityKeepAlive keepAlive) {
    this.factory = factory;
    this.adapters = adapters;
    this.keepAlive = keepAlive;
  }

  /** The worker process's worker; SDK metrics flow through the connection's metrics scope. */
  public static RunbookWorker start(TemporalConnection connection, RunbookHome home) {
    return start(connection.client(), connection.settings().taskQueue(), home);
  }

  /** Registers everything on {@code taskQueue} and starts polling, with the environment's {@link WorkerCapacity}. */
  public static RunbookWorker start(WorkflowClient client, String taskQueue, RunbookHome home) {
    return start(client, taskQueue, home, WorkerCapacity.fromEnvironment());
  }

  public static RunbookWorker start(WorkflowClient client, String taskQueue, RunbookHome home, WorkerCapacity capacity) {
    // Heartbeats every running activity, so a worker that dies mid-activity is noticed in seconds.
    ActivityKeepAlive keepAlive = new ActivityKeepAlive();
    WorkerFactory factory = WorkerFactory.newInstance(client, capacity.factoryOptions(keepAlive));
    Worker worker = factory.newWorker(taskQueue, capacity.workerOptions());
    registerWorkflows(worker);
    ActivityAdapters adapters = ActivityAdapters.create(client, taskQueue, home, capacity.hostConcurrency());
    worker.registerActivitiesImplementations(adapters.implementations());
    factory.start();
    log.info("polling task queue {} in namespace {} ({})", taskQueue, client.getOptions().getNamespace(), capacity);
    return new RunbookWorker(factory, adapters, keepAlive);
  }

  /**
   * Registers {@link #WORKFLOWS}; refuses one whose malformed inputs the {@link InputGuard} could not
   * turn into a failed run. Also used by the integration testbed.
   */
  public static void registerWorkflows(Worker worker) {
    WORKFLOWS.forEach(InputGuard::requireGuardable);
    worker.registerWorkflowImplementationTypes(WORKFLOWS.toArray(Class<?>[]::new));
  }

  /** Started and not asked to stop: its pollers take tasks. */
  public boolean isPolling() {
    return factory.isStarted() && !factory.isShutdown() && !factory.isTerminated();
  }

  public boolean isTerminated() {
    return factory.isTerminated();
  }

  public void shutdown(Duration grace) {
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("activities still running after {}; stopping them (they will be retried by the next worker)", grace);
      factory.shutdownNow();
    }
    keepAlive.close();
    adapters.close();
  }
}
