package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.ports.hosts.HostTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's SSH connections, one per (address, port, user, key file, known_hosts), shared by
 * every command to that host. A connection is handed out only while it is connected,
 * authenticated, younger than its maximum lifetime and not idle past its idle timeout
 * ({@link ConnectionLimits}); otherwise it is retired and a new one is opened with a full login
 * ({@link HostLogin}: host key verified again). A sweep every {@link #SWEEP_INTERVAL} closes
 * connections that went idle, so a host nobody talks to any more holds no session open.
 * Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

  private record Key(String address, int port, String user, String keyFile, String knownHosts) {
    static Key of(HostTarget host) {
      return new Key(host.address(), host.sshPort(), host.user(), host.keyFile(), host.knownHosts());
    }
  }

  private record SessionLimit(Key key, int maxSessions) {}

  private final HostLogin login;
  private final Clock clock;
  private final Map<Key, PooledConnection> connections = new ConcurrentHashMap<>();
  /**
   * Sessions (commands) at once per host and limit: a server refuses sessions beyond its
   * {@code MaxSessions} on one connection ("open failed"), so a command waits for a free one instead.
   */
  private final Map<SessionLimit, Semaphore> sessions = new ConcurrentHashMap<>();
  /** One login at a time per key, so concurrent first commands share one connection. */
  private final Map<Key, Object> loginLocks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "ssh-pool-sweeper");
    thread.setDaemon(true);
    return thread;
  });

  ConnectionPool(HostLogin login, Clock clock) {
    this.login = login;
    this.clock = clock;
    sweeper.scheduleWithFixedDelay(this::closeExpired, SWEEP_INTERVAL.toSeconds(), SWEEP_INTERVAL.toSeconds(),
        TimeUnit.SECONDS);
  }

  /** A connection checked out for one command; give it back with {@link #checkIn} or {@link #discard}. */
  PooledConnection checkOut(HostTarget host) {
    Key key = Key.of(host);
    ConnectionLimits limits = ConnectionLimits.of(host);
    synchronized (loginLocks.computeIfAbsent(key, k -> new Object())) {
      PooledConnection existing = connections.get(key);
      if (existing != null) {
        if (existing.tryCheckOut(clock.instant(), limits)) {
          return existing;
        }
        log.debug("SSH connection to {} ({}) is closed, idle too long or too old: logging in again",
            SshFailures.describe(host), existing.age(clock.instant()));
        connections.remove(key, existing);
        existing.retire();
      }
      PooledConnection fresh = new PooledConnection(login.open(host), clock.instant(), limits);
      fresh.tryCheckOut(clock.instant(), limits);
      connections.put(key, fresh);
      return fresh;
    }
  }

  /**
   * Takes one of {@code host}'s sessions, waiting up to {@code patience} for one to end; false
   * when none did. Give it back with {@link #releaseSession}.
   */
  boolean acquireSession(HostTarget host, Duration patience) throws InterruptedException {
    return sessionsOf(host).tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS);
  }

  void releaseSession(HostTarget host) {
    sessionsOf(host).release();
  }

  private Semaphore sessionsOf(HostTarget host) {
    int max = ConnectionLimits.of(host).maxSessions();
    return sessions.computeIfAbsent(new SessionLimit(Key.of(host), max), k -> new Semaphore(max, true));
  }

  void checkIn(PooledConnection connection) {
    connection.checkIn(clock.instant());
  }

  /** The connection broke under a command: out of the pool and closed; the next command logs in again. */
  void discard(PooledConnection connection) {
    connections.values().remove(connection);
    connection.discard();
  }

  /** Retires every connection past its lifetime or idle timeout (run by the sweep; tests call it). */
  void closeExpired() {
    connections.forEach((key, connection) -> {
      if (connection.retireIfExpired(clock.instant())) {
        connections.remove(key, connection);
        log.debug("Closed the SSH connection to {}:{} ({})", key.address(), key.port(), connection.age(clock.instant()));
      }
    });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    connections.values().forEach(PooledConnection::discard);
    connections.clear();
  }
}
