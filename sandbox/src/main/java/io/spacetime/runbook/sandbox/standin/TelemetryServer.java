package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The telemetry WebSocket of runbook Steps 6 and 8: a client first receives
 * {@code {"event":"connected",...}}, then {@code {"event":"fps","fps":90.0,"frame_time_ms":11.1}}
 * once a second (see {@link #broadcastFps()}).
 */
final class TelemetryServer extends WebSocketServer {

  private final Journal journal;
  private final ObjectMapper json;
  private final String version;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  /** Connections that have been sent their "connected" event; only they get fps samples. */
  private final Set<WebSocket> greeted = ConcurrentHashMap.newKeySet();

  TelemetryServer(InetSocketAddress address, Journal journal, ObjectMapper json, String version) {
    super(address);
    this.journal = journal;
    this.json = json;
    this.version = version;
    setReuseAddr(true);
  }

  /** Starts the server and waits until it listens, or fails with the bind error. */
  void startAndAwait(Duration timeout) throws IOException {
    start();
    try {
      started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("telemetry port " + getAddress() + " is not available: " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("telemetry server did not start listening on " + getAddress() + " within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the telemetry server", e);
    }
  }

  /**
   * Sends one fps sample to every client that has had its "connected" greeting. The library adds a
   * connection to its broadcast set before {@link #onOpen} runs, so a plain broadcast could reach a
   * new client first and break the contract (and the runbook's Step 6 telemetry check).
   */
  void broadcastFps() {
    broadcast(json.createObjectNode().put("event", "fps").put("fps", 90.0).put("frame_time_ms", 11.1).toString(),
        greeted);
  }

  @Override
  public void onStart() {
    started.complete(null);
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    conn.send(json.createObjectNode()
        .put("event", "connected")
        .put("service", "TelemetryServer")
        .put("version", version)
        .put("timestamp", BigDecimal.valueOf(System.currentTimeMillis(), 3))
        .toString());
    greeted.add(conn);
    journal.info("TelemetryServer", "Client connected from " + conn.getRemoteSocketAddress());
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    greeted.remove(conn);
    journal.info("TelemetryServer", "Client disconnected (" + code + ")");
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    // Telemetry flows one way; client messages are ignored like the real server does.
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer message) {
    // As above.
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (conn == null) {
      started.completeExceptionally(ex);
    } else {
      journal.warn("TelemetryServer", "connection error: " + ex.getMessage());
    }
  }
}
