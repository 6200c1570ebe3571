package io.spacetime.runbook.worker;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker",
    description = {
        "Run the runbook worker, which executes the runbook workflows and their steps.",
        "Steps are SSH commands on the hosts, HTTP/WebSocket probes, DNS lookups and notices.",
        "",
        "Connects to TEMPORAL_ADDRESS (default 127.0.0.1:7233) in TEMPORAL_NAMESPACE; TLS,",
        "mTLS and API keys are set with the variables listed in README.md. Environment files",
        "are read from RUNBOOK_ENVIRONMENTS (default .runbook/environments, ./environments).",
        "",
        "With --embedded it first starts an in-process Temporal server on that address, so",
        "`./runbook deploy ...` in another shell reaches it. Stop with Ctrl-C: running",
        "activities finish (up to --shutdown-grace), then the worker exits; workflows resume",
        "on the next worker.",
        "",
        "Examples:",
        "  ./runbook worker --embedded",
        "  TEMPORAL_ADDRESS=temporal.internal:7233 TEMPORAL_NAMESPACE=ops \\",
        "      ./runbook worker --metrics-port 9464"},
    mixinStandardHelpOptions = true)
public final class WorkerCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Option(names = "--embedded", description = "Start an in-process Temporal server on the address first.")
  boolean embedded;

  @Option(names = "--address", paramLabel = "HOST:PORT", description = "Temporal frontend (default: $TEMPORAL_ADDRESS or 127.0.0.1:7233).")
  String address;

  @Option(names = "--namespace", paramLabel = "NS", description = "Namespace (default: $TEMPORAL_NAMESPACE or default).")
  String namespace;

  @Option(names = "--task-queue", paramLabel = "QUEUE", description = "Task queue (default: $RUNBOOK_TASK_QUEUE or runbooks).")
  String taskQueue;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
      description = "Serve Prometheus metrics on /metrics and health on /livez and /readyz (default: off).")
  int metricsPort;

  @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address of the metrics port (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String metricsBind;

  @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long running activities may take to finish on shutdown (default: ${DEFAULT-VALUE}).")
  int shutdownGraceSeconds;

  @Override
  public Integer call() throws Exception {
    TemporalSettings settings = TemporalSettings.fromEnvironment();
    settings = address == null ? settings : settings.withAddress(address);
    settings = namespace == null ? settings : settings.withNamespace(namespace);
    settings = taskQueue == null ? settings : settings.withTaskQueue(taskQueue);
    // Read before anything starts: a bad RUNBOOK_* capacity value is answered with nothing left running.
    WorkerCapacity capacity = WorkerCapacity.fromEnvironment();
    EmbeddedTemporal server = embedded ? EmbeddedTemporal.start(portOf(settings.address())) : null;
    WorkerMetrics metrics = new WorkerMetrics();
    TemporalConnection connection = TemporalConnection.open(settings, metrics.scope());
    WorkerHealth health = new WorkerHealth(connection.stubs());
    if (metricsPort >= 0) {
      // Up before the search attribute check: a probe sees "starting", not a refused connection.
      log.info("metrics on http://{}:{}/metrics (health: /livez, /readyz)", metricsBind,
          metrics.serve(metricsBind, metricsPort, health));
    }
    if (server == null) {
      // The embedded server registers them itself; a real one must have them before any run.
      try {
        SearchAttributeCheck.require(connection.stubs(), settings.namespace());
      } catch (IllegalStateException notReady) {
        log.error("{}", notReady.getMessage());
        connection.close();
        metrics.close();
        return 1;
      }
    }
    RunbookWorker worker = RunbookWorker.start(connection.client(), settings.taskQueue(), RunbookHome.fromEnvironment(),
        capacity);
    health.polling(worker);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM (systemctl stop, a pod's deletion) or Ctrl-C: /readyz answers 503 at once, the pollers
      // stop taking tasks, running activities get the grace period, then the process exits.
      health.stopping();
      log.info("shutting down: letting running activities finish (up to {} s)", shutdownGraceSeconds);
      worker.shutdown(java.time.Duration.ofSeconds(shutdownGraceSeconds));
      connection.close();
      metrics.close();
      if (server != null) {
        server.close();
      }
      log.info("worker stopped");
      stopped.countDown();
    }, "runbook-worker-shutdown"));
    log.info("worker ready: {} (environments from {})", settings, RunbookHome.fromEnvironment().environmentDirs());
    stopped.await();
    return 0;
  }

  static int portOf(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("TEMPORAL_ADDRESS must be host:port, got " + address);
    }
    return Integer.parseInt(address.substring(colon + 1));
  }
}
