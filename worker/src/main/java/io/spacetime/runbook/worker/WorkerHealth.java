package io.spacetime.runbook.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /livez} and {@code GET /readyz} on the worker's metrics port answer (Kubernetes
 * probes, a systemd watchdog script, a load balancer). Live: the process works — false only once its
 * pollers died while nobody asked it to stop, which a restart cures. Ready: it polls the task queue
 * and the Temporal frontend answers now (one bounded call per probe); false while starting, while
 * Temporal is unreachable, and from the moment shutdown begins, so an orchestrator stops counting it
 * while its running activities finish.
 */
public final class WorkerHealth {

  /** A probe's answer: the HTTP status and one line saying why. */
  public record Verdict(boolean ok, String reason) {
    int status() {
      return ok ? 200 : 503;
    }
  }

  private static final long FRONTEND_DEADLINE_MS = 2_000;

  private final WorkflowServiceStubs stubs;
  private volatile RunbookWorker worker;
  private volatile boolean stopping;

  public WorkerHealth(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  /** The worker polls from now on. */
  public void polling(RunbookWorker worker) {
    this.worker = worker;
  }

  /** Shutdown has begun: no longer ready, still live until the process exits. */
  public void stopping() {
    stopping = true;
  }

  public Verdict live() {
    RunbookWorker polling = worker;
    if (polling != null && polling.isTerminated() && !stopping) {
      return new Verdict(false, "the worker's pollers stopped without a shutdown");
    }
    return new Verdict(true, stopping ? "stopping: running activities finish" : "live");
  }

  public Verdict ready() {
    if (stopping) {
      return new Verdict(false, "stopping: running activities finish, no new tasks are taken");
    }
    RunbookWorker polling = worker;
    if (polling == null) {
      return new Verdict(false, "starting: not polling yet");
    }
    if (!polling.isPolling()) {
      return new Verdict(false, "not polling");
    }
    try {
      stubs.blockingStub().withDeadlineAfter(FRONTEND_DEADLINE_MS, TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (RuntimeException unreachable) {
      return new Verdict(false, "Temporal frontend does not answer: " + unreachable.getMessage());
    }
    return new Verdict(true, "polling");
  }
}
