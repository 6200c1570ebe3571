package io.spacetime.runbook.adapters.ssh;

import static io.spacetime.runbook.adapters.AdapterFailures.COMMAND_TIMED_OUT;
import static io.spacetime.runbook.adapters.AdapterFailures.HOST_COMMAND_FAILED;
import static io.spacetime.runbook.adapters.AdapterFailures.HOST_KEY_NOT_VERIFIABLE;
import static io.spacetime.runbook.adapters.AdapterFailures.HOST_UNREACHABLE;
import static io.spacetime.runbook.adapters.AdapterFailures.SSH_AUTH_FAILED;
import static io.spacetime.runbook.adapters.AdapterFailures.SSH_KEY_MISSING;
import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.adapters.AdapterFailures.retryable;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.adapters.HomePaths;
import io.spacetime.runbook.hosts.CommandEvidence;
import io.spacetime.runbook.hosts.HostTarget;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's SSH connections: one authenticated sshj {@link SSHClient} per (address, port, user,
 * key file, known_hosts), shared by every activity that reaches that host, with a new session per
 * command (sshj's model: one client per connection, sessions per command). A broken connection is
 * replaced: a client found disconnected is re-created, and a transport error while running a
 * command evicts it and runs the command once more on a new connection (every host command of
 * these adapters is idempotent).
 *
 * <p>Host keys are always verified against the target's known_hosts file; an unknown or changed
 * key fails the activity without retry. Thread-safe; close it when the worker stops.
 */
public final class HostConnections implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HostConnections.class);

  /** What {@link CommandEvidence} keeps of each stream (the report's tail). */
  static final int EVIDENCE_TAIL_BYTES = 8 * 1024;
  /** What is kept of stdout for parsing. Our reads print far less; a chatty command is cut here. */
  static final int CAPTURE_BYTES = 256 * 1024;
  /** How often a long command heartbeats; the SDK throttles what reaches the server. */
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  private record Key(String address, int port, String user, String keyFile, String knownHosts) {
    static Key of(HostTarget host) {
      return new Key(host.address(), host.sshPort(), host.user(), host.keyFile(), host.knownHosts());
    }
  }

  /** The transport under a command broke: evict the client and try once more. */
  private static final class ConnectionLost extends Exception {
    ConnectionLost(Throwable cause) {
      super(cause);
    }
  }

  private final Config config = new DefaultConfig();
  private final Map<Key, SSHClient> clients = new ConcurrentHashMap<>();
  private final Map<Key, Object> connectLocks = new ConcurrentHashMap<>();
  private final ExecutorService drains = Executors.newCachedThreadPool(daemonThreads());

  /** A shell on {@code host}; cheap, create one per use. */
  public RemoteShell on(HostTarget host) {
    return new RemoteShell(this, host);
  }

  CommandRun execute(HostTarget host, ShellCommand command, Duration timeout) {
    Key key = Key.of(host);
    for (int attempt = 1; ; attempt++) {
      SSHClient client = connected(key, host);
      try {
        return runOnce(client, host, command, timeout);
      } catch (ConnectionLost e) {
        evict(key, client);
        if (attempt == 2) {
          throw retryable(HOST_UNREACHABLE, "lost the SSH connection to host " + describe(host)
              + " twice while running a command (" + rootMessage(e) + "); check the host and the network", e.getCause());
        }
        log.info("SSH connection to {} broke ({}); reconnecting and running the command again",
            describe(host), rootMessage(e));
      }
    }
  }

  @Override
  public void close() {
    clients.values().forEach(HostConnections::closeQuietly);
    clients.clear();
    drains.shutdownNow();
  }

  private SSHClient connected(Key key, HostTarget host) {
    synchronized (connectLocks.computeIfAbsent(key, k -> new Object())) {
      SSHClient existing = clients.get(key);
      if (existing != null && existing.isConnected() && existing.isAuthenticated()) {
        return existing;
      }
      if (existing != null) {
        clients.remove(key, existing);
        closeQuietly(existing);
      }
      SSHClient client = connect(host);
      clients.put(key, client);
      return client;
    }
  }

  private void evict(Key key, SSHClient client) {
    if (clients.remove(key, client)) {
      closeQuietly(client);
    }
  }

  private SSHClient connect(HostTarget host) {
    Path keyFile = HomePaths.expand(host.keyFile());
    Path knownHosts = HomePaths.expand(host.knownHosts());
    if (!Files.isReadable(keyFile)) {
      throw nonRetryable(SSH_KEY_MISSING, "SSH private key " + keyFile + " (ssh.keyFile) for host " + describe(host)
          + " does not exist or is not readable by the worker; put the deploy key there or fix ssh.keyFile");
    }
    if (!Files.isRegularFile(knownHosts)) {
      throw nonRetryable(HOST_KEY_NOT_VERIFIABLE, "known_hosts file " + knownHosts + " (ssh.knownHosts) does not exist,"
          + " so the host key of " + describe(host) + " cannot be verified; create it with the host's key entry");
    }
    SSHClient client = new SSHClient(config);
    int timeoutMs = (int) TimeUnit.SECONDS.toMillis(Math.max(1, host.connectTimeoutSeconds()));
    client.setSocketFactory(new NoDelaySocketFactory());
    client.setConnectTimeout(timeoutMs);
    client.getTransport().setTimeoutMs(timeoutMs);
    KnownHostsVerifier verifier;
    KeyProvider key;
    try {
      verifier = new KnownHostsVerifier(knownHosts.toFile());
      client.addHostKeyVerifier(verifier);
      key = client.loadKeys(keyFile.toString());
    } catch (IOException e) {
      closeQuietly(client);
      throw nonRetryable(SSH_KEY_MISSING, "cannot read the SSH private key " + keyFile + " or known_hosts " + knownHosts
          + " for host " + describe(host) + ": " + e.getMessage() + "; the key must be an unencrypted OpenSSH/PEM key");
    }
    long started = System.nanoTime();
    try {
      client.connect(host.address(), host.sshPort());
      client.authPublickey(host.user(), key);
      log.debug("SSH connected to {} in {} ms", describe(host), elapsedMs(started));
      return client;
    } catch (UserAuthException e) {
      closeQuietly(client);
      throw nonRetryable(SSH_AUTH_FAILED, "host " + describe(host) + " refused the key " + keyFile + " for user '"
          + host.user() + "'; add its public key to that user's authorized_keys or fix ssh.user / ssh.keyFile");
    } catch (TransportException e) {
      closeQuietly(client);
      if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE
          || verifier.refusal() != KnownHostsVerifier.Refusal.NONE) {
        throw hostKeyFailure(host, knownHosts, verifier);
      }
      throw unreachable(host, e);
    } catch (IOException e) {
      closeQuietly(client);
      throw unreachable(host, e);
    }
  }

  private static ApplicationFailure hostKeyFailure(HostTarget host, Path knownHosts, KnownHostsVerifier verifier) {
    String entry = host.sshPort() == 22 ? host.address() : "[" + host.address() + "]:" + host.sshPort();
    if (verifier.refusal() == KnownHostsVerifier.Refusal.CHANGED) {
      return nonRetryable(HOST_KEY_NOT_VERIFIABLE, "the host key of " + describe(host) + " does NOT match its entry '"
          + entry + "' in " + knownHosts + " (the server offered " + verifier.offeredKey() + "). The host was"
          + " reinstalled or the connection is intercepted: verify the fingerprint out of band before replacing the entry");
    }
    return nonRetryable(HOST_KEY_NOT_VERIFIABLE, "the host key of " + describe(host) + " is not in " + knownHosts
        + " (no entry '" + entry + "'; the server offered " + verifier.offeredKey() + "). Verify that fingerprint"
        + " with the host's administrator, then add the host's key to that file");
  }

  private static ApplicationFailure unreachable(HostTarget host, IOException e) {
    Throwable root = rootCause(e);
    String what;
    if (root instanceof ConnectException) {
      what = "connection refused: is sshd running on port " + host.sshPort() + " and is that the right port (sshPort)?";
    } else if (root instanceof SocketTimeoutException || root instanceof java.util.concurrent.TimeoutException) {
      what = "no answer within " + host.connectTimeoutSeconds() + " s: check that the host is up, the address is right"
          + " and no firewall drops SSH";
    } else if (root instanceof UnknownHostException) {
      what = "the name '" + host.address() + "' does not resolve: check the host's address and DNS";
    } else if (root instanceof NoRouteToHostException) {
      what = "no route to the host: check the address and the network";
    } else {
      what = root.getClass().getSimpleName() + ": " + root.getMessage() + "; check sshd on the host and the network";
    }
    return retryable(HOST_UNREACHABLE, "cannot reach host " + describe(host) + " over SSH: " + what, e);
  }

  private CommandRun runOnce(SSHClient client, HostTarget host, ShellCommand command, Duration timeout)
      throws ConnectionLost {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Session session;
    Session.Command running;
    try {
      session = client.startSession();
    } catch (OpenFailException e) {
      // The transport is fine; the server refused one more session (OpenSSH MaxSessions).
      throw retryable(HOST_UNREACHABLE, "host " + describe(host) + " refused a new SSH session (" + e.getMessage()
          + "); too many concurrent commands? check MaxSessions in its sshd_config", e);
    } catch (SSHException e) {
      throw brokenOrRefused(client, host, e);
    }
    try {
      running = session.exec(command.text());
    } catch (SSHException e) {
      closeQuietly(session);
      throw brokenOrRefused(client, host, e);
    }
    // Drain both streams at once: a command blocked on a full stderr window never ends otherwise.
    Future<OutputTail> out = drains.submit(() -> OutputTail.drain(running.getInputStream(), CAPTURE_BYTES));
    Future<OutputTail> err = drains.submit(() -> OutputTail.drain(running.getErrorStream(), CAPTURE_BYTES));
    try {
      OutputTail stdout = awaitHeartbeating(out, deadline, host, started);
      OutputTail stderr = await(err, deadline);
      awaitClose(running, deadline);
      Integer status = running.getExitStatus();
      if (status == null && !client.isConnected()) {
        throw new ConnectionLost(new IOException("connection closed before the exit status arrived"));
      }
      int exit = status == null ? -1 : status;
      String stderrText = stderr.text(CAPTURE_BYTES);
      if (status == null && running.getExitSignal() != null) {
        stderrText += "\n(killed by signal " + running.getExitSignal() + ")";
      }
      long ms = elapsedMs(started);
      CommandEvidence evidence = new CommandEvidence(host.name(), command.text(), exit,
          stdout.text(EVIDENCE_TAIL_BYTES), tailOf(stderrText), ms);
      log.debug("{}: exit {} in {} ms: {}", host.name(), exit, ms, CommandRun.abbreviate(command.text()));
      return new CommandRun(evidence, stdout.text(CAPTURE_BYTES), stderrText);
    } catch (TimeoutException e) {
      abort(running);
      out.cancel(true);
      err.cancel(true);
      long ms = elapsedMs(started);
      log.info("{}: command timed out after {} ms and was stopped: {}", host.name(), ms,
          CommandRun.abbreviate(command.text()));
      throw retryable(COMMAND_TIMED_OUT, "on host " + host.name() + ", the command did not finish within "
          + timeout.toSeconds() + " s and was stopped (raise ssh.commandTimeoutSeconds if it needs longer): "
          + CommandRun.abbreviate(command.text()),
          new CommandEvidence(host.name(), command.text(), -1, "", "timed out after " + ms + " ms", ms));
    } catch (ExecutionException e) {
      throw new ConnectionLost(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retryable(HOST_UNREACHABLE, "interrupted while running a command on host " + host.name(), e);
    } catch (RuntimeException cancelled) {
      // A heartbeat reported the activity cancelled or timed out: stop the command, then let Temporal know.
      abort(running);
      throw cancelled;
    } finally {
      closeQuietly(session);
    }
  }

  /**
   * A failed session or exec request means a broken transport (retry on a new connection) unless
   * the connection is fine and the server said no (a restricted account): that is not retried.
   */
  private static ConnectionLost brokenOrRefused(SSHClient client, HostTarget host, SSHException e) {
    boolean transportBroken = e instanceof TransportException || e.getCause() instanceof TransportException
        || !client.isConnected();
    if (transportBroken) {
      return new ConnectionLost(e);
    }
    throw nonRetryable(HOST_COMMAND_FAILED, "host " + describe(host) + " refused to run a command over SSH ("
        + e.getMessage() + "); check that user '" + host.user() + "' may execute commands (login shell, sshd"
        + " ForceCommand or command restrictions)");
  }

  /**
   * Waits for a long command (a backup of a large release) in slices, heartbeating between them
   * when inside an activity: the activity stays alive under a heartbeat timeout, and a cancelled
   * activity stops its command (the heartbeat throws; the command is aborted on the way out).
   */
  private OutputTail awaitHeartbeating(Future<OutputTail> drain, long deadline, HostTarget host, long started)
      throws TimeoutException, ExecutionException, InterruptedException {
    while (true) {
      long slice = Math.min(deadline - System.nanoTime(), HEARTBEAT_INTERVAL.toNanos());
      try {
        return drain.get(Math.max(0, slice), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() >= deadline) {
          throw e;
        }
        ActivityContext.heartbeat("running a command on " + host.name() + " for " + elapsedMs(started) / 1000 + " s");
      }
    }
  }

  private static OutputTail await(Future<OutputTail> drain, long deadline)
      throws TimeoutException, ExecutionException, InterruptedException {
    return drain.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** The exit status arrives just before the channel closes; wait for the close, within the deadline. */
  private static void awaitClose(Session.Command running, long deadline) throws TimeoutException {
    try {
      running.join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ConnectionException e) {
      if (running.isOpen()) {
        throw new TimeoutException("channel still open");
      }
    }
  }

  private static void abort(Session.Command running) {
    try {
      running.signal(Signal.KILL);
    } catch (IOException | RuntimeException ignored) {
      // Not every server honours signals; closing the channel below ends the command either way.
    }
    closeQuietly(running);
  }

  private static String tailOf(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (bytes.length <= EVIDENCE_TAIL_BYTES) {
      return text;
    }
    OutputTail tail = new OutputTail(EVIDENCE_TAIL_BYTES);
    tail.append(bytes, 0, bytes.length);
    return tail.text(EVIDENCE_TAIL_BYTES);
  }

  static String describe(HostTarget host) {
    return host.name() + " (" + host.user() + "@" + host.address() + ":" + host.sshPort() + ")";
  }

  private static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing a broken connection or an already closed channel: nothing left to do.
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "ssh-output-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
