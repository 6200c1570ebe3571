package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.sandbox.releases.ReleaseManifest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the SpaceTime HTTP Scene Management API: the process the sandbox hosts'
 * service manager starts in place of Godot. It serves what the deployment runbook checks:
 * the HTTP API on {@code API_PORT}, the telemetry WebSocket on {@code TELEMETRY_PORT}, open
 * DAP and LSP ports, and journal-style lines in its log (start-up, one per request, shutdown).
 *
 * <p>It reads its ports and {@code SPACETIME_ENV} from the {@code .env} file and its version and
 * fault from the release's {@code release.json}; the fault shows only where its scope says (see
 * {@link Fault}, {@link FaultScope}). A release with {@link Fault#WONT_START} logs an ERROR and
 * exits with status 1. SIGTERM shuts it down cleanly and logs so.
 *
 * <p>One runs per sandbox host (and one per staging instance), so the JVM is kept small: the
 * service script starts it with {@link #JVM_OPTIONS} and the {@link StandInClasspath}.
 *
 * <pre>
 * java -cp ... io.spacetime.runbook.sandbox.standin.StandInService --release-dir DIR [--env-file FILE]
 *      --bind 127.0.0.2 --log DIR/logs/service.log [--control-dir DIR/run/conditions]
 * </pre>
 *
 * <p>With a control directory it takes up {@link RuntimeCondition}s while it runs (see
 * {@link ConditionControl}) and holds them in memory only: a restart ends them. It serves
 * {@code GET /metrics} for Prometheus ({@link ApiMetrics}) beside the API.
 */
public final class StandInService implements AutoCloseable {

  /**
   * The JVM options every stand-in runs with: one JVM per host and per staging instance, so a small
   * heap, serial GC, C1 only and class-data sharing; no slf4j binding (the journal is its log).
   * The direct memory allowed is the {@code memory-growth} condition's cap with room for the
   * servers' own buffers: the leak lives outside the 64 MB heap and never reaches the limit.
   */
  public static final String JVM_OPTIONS = "-Xmx64m -XX:MaxDirectMemorySize=" + (MemoryLeak.CAP_MB + 64) + "m"
      + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
      + " -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -Dslf4j.internal.verbosity=WARN";

  /** How much resident memory the {@code memory-growth} condition takes at most. */
  public static final int MEMORY_GROWTH_CAP_MB = MemoryLeak.CAP_MB;

  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

  private final Journal journal;
  private final ScheduledExecutorService scheduler;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private StandInService(Journal journal, ScheduledExecutorService scheduler) {
    this.journal = journal;
    this.scheduler = scheduler;
  }

  public static void main(String[] args) {
    StandInOptions options;
    try {
      options = StandInOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      StandInService service = start(options.releaseDir(), options.envFile(), options.bindAddress(), options.logFile(),
          options.controlDir());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> service.shutDown("SIGTERM received"), "shutdown"));
      // Serve until the shutdown hook has run, whatever threads the servers use.
      service.stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // The journal already holds the ERROR line the runbook's "Service Fails to Start" looks for.
      System.err.println("SpaceTime service failed to start: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Starts the service and returns once all four ports listen. The adapters report "connecting"
   * at first and "connected" a moment later (unless the release is {@link Fault#NEVER_READY}).
   *
   * @throws IOException when the config or release cannot be read, a port is taken, or the release
   *     is {@link Fault#WONT_START}; the reason is in the log as an ERROR line as well
   */
  public static StandInService start(Path releaseDir, Path envFile, String bindAddress, Path logFile)
      throws IOException {
    return start(releaseDir, envFile, bindAddress, logFile, null);
  }

  /**
   * {@link #start(Path, Path, String, Path)}, taking {@link RuntimeCondition}s from {@code controlDir}
   * (see {@link ConditionControl}); null takes none.
   */
  public static StandInService start(Path releaseDir, Path envFile, String bindAddress, Path logFile,
      Path controlDir) throws IOException {
    Journal journal = Journal.open(logFile);
    StandInService service = new StandInService(journal, Executors.newScheduledThreadPool(1, daemon("scheduler")));
    try {
      service.startUp(releaseDir, envFile, bindAddress, controlDir);
      return service;
    } catch (IOException | RuntimeException e) {
      journal.error("ResonanceEngine", "Failed to start: " + e.getMessage());
      service.shutDown("start-up failed");
      throw e;
    }
  }

  private void startUp(Path releaseDir, Path envFile, String bindAddress, Path controlDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ServiceConfig config = ServiceConfig.read(envFile);
    ReleaseManifest release = ReleaseManifest.read(releaseDir, json);
    Fault fault = release.activeFault(config.spacetimeEnv());
    journal.info("ResonanceEngine", "Starting SpaceTime " + release.version() + " (SPACETIME_ENV="
        + config.spacetimeEnv() + ") from " + releaseDir);
    if (fault == Fault.WONT_START) {
      throw new IOException("Segmentation fault while initializing the subsystems (sandbox fault 'wont-start' of "
          + release.version() + ")");
    }
    if (fault != Fault.NONE) {
      journal.info("ResonanceEngine", "Sandbox fault active: " + fault);
    }
    resources.add(AdapterListener.open("DAP", bindAddress, config.dapPort()));
    resources.add(AdapterListener.open("LSP", bindAddress, config.lspPort()));

    AdapterConnections adapters =
        new AdapterConnections(config, fault == Fault.NEVER_READY, scheduler, journal);
    resources.add(adapters::stop);
    ServiceConditions conditions = new ServiceConditions(controlDir, journal, new MemoryLeak(scheduler, journal),
        Clock.systemUTC());
    Degradation degradation = fault == Fault.DEGRADES
        ? Degradation.after(Duration.ofSeconds(release.healthySeconds()), Clock.systemUTC())
        : Degradation.none();
    startHttp(new SceneApi(adapters, journal, json, release.version(), fault, onceInUse(fault), releaseDir, conditions,
        new ApiMetrics(), degradation), bindAddress, config.apiPort());

    TelemetryServer telemetry =
        new TelemetryServer(new InetSocketAddress(bindAddress, config.telemetryPort()), journal, json, release.version());
    resources.add(() -> telemetry.stop(1000));
    telemetry.startAndAwait(BIND_TIMEOUT);
    journal.info("TelemetryServer", "WebSocket server started on port " + config.telemetryPort());
    scheduler.scheduleAtFixedRate(telemetry::broadcastFps, 1, 1, TimeUnit.SECONDS);

    adapters.connect();
    conditions.start(scheduler);
  }

  /**
   * What the first scene load sets off: for an ERROR_LOG release, an ERROR line every second from
   * then on. Errors that come with use, not with start-up: Step 5's log check (right after the
   * start) passes, and they are found later, by Step 10 (or Step 5 of a later host) instead.
   */
  private Runnable onceInUse(Fault fault) {
    if (fault != Fault.ERROR_LOG) {
      return () -> { };
    }
    AtomicBoolean started = new AtomicBoolean();
    AtomicInteger overruns = new AtomicInteger();
    return () -> {
      if (started.compareAndSet(false, true)) {
        scheduler.scheduleAtFixedRate(() -> journal.error("ResonanceEngine",
            "Physics frame overrun #" + overruns.incrementAndGet() + ": 48.2 ms (budget 11.1 ms)"),
            1, 1, TimeUnit.SECONDS);
      }
    };
  }

  private void startHttp(SceneApi api, String bindAddress, int port) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    } catch (IOException e) {
      throw new IOException("API port " + bindAddress + ":" + port + " is not available: " + e.getMessage(), e);
    }
    // Several threads: the runbook's load test sends concurrent requests, and a SLOW release holds each one.
    ExecutorService handlers = Executors.newFixedThreadPool(16, daemon("http"));
    server.setExecutor(handlers);
    api.registerOn(server);
    server.start();
    resources.add(() -> {
      server.stop(0);
      handlers.shutdownNow();
    });
    journal.info("GodotBridge", "HTTP server started on port " + port);
  }

  /** Stops serving and logs the clean shutdown the runbook's Step 2 looks for. Idempotent. */
  @Override
  public void close() {
    shutDown("stop requested");
  }

  private synchronized void shutDown(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    journal.info("ResonanceEngine", "Shutting down (" + reason + ")");
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        journal.warn("ResonanceEngine", "while shutting down: " + e.getMessage());
      }
    }
    scheduler.shutdownNow();
    journal.info("ResonanceEngine", "Shutdown complete");
    try {
      journal.close();
    } catch (IOException e) {
      System.err.println("cannot close the service log: " + e.getMessage());
    }
    stopped.countDown();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
