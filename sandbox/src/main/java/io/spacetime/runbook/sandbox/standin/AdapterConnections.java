package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spacetime.runbook.sandbox.releases.Fault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The service's connections to its debug adapter (DAP) and language server (LSP), as reported by
 * {@code GET /status} (runbook Step 6): state 0 disconnected, 1 connecting, 2 connected;
 * {@code overall_ready} when both are connected. A connection attempt completes after a short
 * delay, like the real adapters' handshake, unless the release is stuck ({@link Fault#NEVER_READY}),
 * in which case it retries every second forever.
 */
final class AdapterConnections {

  static final int DISCONNECTED = 0;
  static final int CONNECTING = 1;
  static final int CONNECTED = 2;
  /** Long enough that a poller sees "connecting" first, short enough to keep start-up quick. */
  static final Duration CONNECT_DELAY = Duration.ofMillis(300);

  private final List<Adapter> adapters;
  private final boolean stuck;
  private final ScheduledExecutorService scheduler;
  private final Journal journal;
  private ScheduledFuture<?> pending;
  private boolean initializedOnce;

  AdapterConnections(ServiceConfig config, boolean stuck, ScheduledExecutorService scheduler, Journal journal) {
    this.adapters = List.of(
        new Adapter("debug_adapter", "Debug Adapter", "DAP", config.dapPort()),
        new Adapter("language_server", "Language Server", "LSP", config.lspPort()));
    this.stuck = stuck;
    this.scheduler = scheduler;
    this.journal = journal;
  }

  /** {@code POST /connect}: starts connecting the adapters that are not connected. */
  synchronized void connect() {
    if (ready() || pending != null) {
      return;
    }
    adapters.forEach(a -> a.moveTo(CONNECTING));
    pending = stuck
        ? scheduler.scheduleAtFixedRate(this::retry, 1, 1, TimeUnit.SECONDS)
        : scheduler.schedule(this::completeConnection, CONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@code POST /disconnect}: drops both connections until the next {@link #connect()}. */
  synchronized void disconnect() {
    cancelPending();
    adapters.forEach(a -> a.moveTo(DISCONNECTED));
    journal.info("ConnectionManager", "DAP and LSP adapters disconnected");
  }

  synchronized boolean ready() {
    return adapters.stream().allMatch(a -> a.state == CONNECTED);
  }

  /** The {@code debug_adapter}, {@code language_server} and {@code overall_ready} fields of /status. */
  synchronized ObjectNode statusJson(ObjectMapper json) {
    ObjectNode status = json.createObjectNode();
    for (Adapter a : adapters) {
      status.putObject(a.key)
          .put("service_name", a.serviceName)
          .put("port", a.port)
          .put("state", a.state)
          .put("retry_count", a.retryCount)
          .put("last_activity", a.lastActivity);
    }
    status.put("overall_ready", ready());
    return status;
  }

  synchronized void stop() {
    cancelPending();
  }

  private synchronized void completeConnection() {
    pending = null;
    for (Adapter a : adapters) {
      a.moveTo(CONNECTED);
      journal.info("ConnectionManager", a.shortName + " adapter connected");
    }
    if (!initializedOnce) {
      initializedOnce = true;
      journal.info("ResonanceEngine", "All subsystems initialized");
    }
  }

  private synchronized void retry() {
    for (Adapter a : adapters) {
      a.retryCount++;
      journal.warn("ConnectionManager",
          a.shortName + " adapter not responding on port " + a.port + " (retry " + a.retryCount + ")");
    }
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private static final class Adapter {
    final String key;
    final String serviceName;
    final String shortName;
    final int port;
    int state = DISCONNECTED;
    int retryCount;
    BigDecimal lastActivity = nowSeconds();

    Adapter(String key, String serviceName, String shortName, int port) {
      this.key = key;
      this.serviceName = serviceName;
      this.shortName = shortName;
      this.port = port;
    }

    void moveTo(int newState) {
      state = newState;
      lastActivity = nowSeconds();
    }

    /** Epoch seconds with one decimal, as the runbook shows them ({@code 1733139610.0}, not 1.7E9). */
    private static BigDecimal nowSeconds() {
      return BigDecimal.valueOf(System.currentTimeMillis() / 100, 1);
    }
  }
}
