package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.ports.hosts.HostTarget;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's SSH connections to its hosts, and how a command survives a broken one. Adapters
 * reach a host through {@link #on(HostTarget)}; everything else here is the package's own.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Host keys are always verified against the target's known_hosts file, at every login; an
 *       unknown or changed key fails without retry ({@code HostKeyNotVerifiable}).
 *   <li>One authenticated connection per host is shared by every command to it (a new session
 *       per command). It is closed after {@code ssh.connectionIdleTimeoutSeconds} without a
 *       command and replaced after {@code ssh.connectionMaxLifetimeSeconds}; a connection that
 *       breaks is dropped, and the next command logs in again.
 *   <li>At most {@code hostConcurrency} commands from this process run on one host at once
 *       ({@code RUNBOOK_HOST_CONCURRENCY}, {@link HostCommandLimit}), and at most
 *       {@code ssh.maxSessions} on a host's connection (the server's {@code MaxSessions}, 10 by
 *       default in OpenSSH, refuses more); further commands wait their turn, each for at most its
 *       own timeout in all.
 *   <li>A command whose connection broke before it was sent is sent on a new connection. One that
 *       may have run is sent again once on a new connection if it is idempotent
 *       ({@link RemoteShell#run}); if not ({@link RemoteShell#runAtMostOnce}), it fails with the
 *       retryable {@code CommandOutcomeUnknown} and is never sent a second time by this class.
 * </ul>
 * Thread-safe; close it when the worker stops.
 */
public final class HostConnections implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HostConnections.class);

  /** Whether a command may be sent again after its connection broke while it ran. */
  enum Delivery { IDEMPOTENT, AT_MOST_ONCE }

  private final ConnectionPool pool;
  private final HostCommandLimit limit;
  private final CommandExecution execution = new CommandExecution();

  /** With the default of commands at once per host ({@value HostCommandLimit#DEFAULT_PER_HOST}). */
  public HostConnections() {
    this(HostCommandLimit.DEFAULT_PER_HOST);
  }

  /** At most {@code hostConcurrency} commands at once on one host from this process. */
  public HostConnections(int hostConcurrency) {
    this(Clock.systemUTC(), hostConcurrency);
  }

  /** With the clock that idle timeouts and lifetimes are measured by (tests move it). */
  HostConnections(Clock clock) {
    this(clock, HostCommandLimit.DEFAULT_PER_HOST);
  }

  HostConnections(Clock clock, int hostConcurrency) {
    this.pool = new ConnectionPool(new HostLogin(), clock);
    this.limit = new HostCommandLimit(hostConcurrency);
  }

  /** Each host's default number of commands at once from one process, when nothing else is set. */
  public static int defaultHostConcurrency() {
    return HostCommandLimit.DEFAULT_PER_HOST;
  }

  /** A shell on {@code host}; cheap, create one per use. */
  public RemoteShell on(HostTarget host) {
    return new RemoteShell(this, host);
  }

  CommandRun execute(HostTarget host, ShellCommand command, Duration timeout, Delivery delivery) {
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitTurn(host, timeout);
    try {
      awaitSession(host, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), timeout);
      try {
        return executeInSession(host, command, timeout, delivery);
      } finally {
        pool.releaseSession(host);
      }
    } finally {
      limit.release(host);
    }
  }

  /** Waits (at most the command's own timeout) for one of the host's commands at once from this process. */
  private void awaitTurn(HostTarget host, Duration timeout) {
    try {
      if (!limit.acquire(host, timeout)) {
        throw SshFailures.hostBusy(host, limit.perHost(), timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SshFailures.interrupted(host, e);
    }
  }

  /** Waits (what is left of the command's timeout) for one of the host's {@code ssh.maxSessions}. */
  private void awaitSession(HostTarget host, Duration patience, Duration timeout) {
    try {
      if (!pool.acquireSession(host, patience)) {
        throw SshFailures.sessionsBusy(host, ConnectionLimits.of(host).maxSessions(), timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SshFailures.interrupted(host, e);
    }
  }

  private CommandRun executeInSession(HostTarget host, ShellCommand command, Duration timeout, Delivery delivery) {
    for (int attempt = 1; ; attempt++) {
      PooledConnection connection = pool.checkOut(host);
      try {
        return execution.run(connection.client(), host, command, timeout);
      } catch (ConnectionLost lost) {
        pool.discard(connection);
        if (lost.commandMayHaveRun() && delivery == Delivery.AT_MOST_ONCE) {
          log.warn("SSH connection to {} broke while it ran a command that must not run twice ({}); not sending it"
              + " again: {}", SshFailures.describe(host), SshFailures.rootMessage(lost), CommandRun.abbreviate(command.text()));
          throw SshFailures.outcomeUnknown(host, command, lost);
        }
        if (attempt == 2) {
          throw SshFailures.lostTwice(host, lost);
        }
        log.info("SSH connection to {} broke ({}); reconnecting and sending the command again",
            SshFailures.describe(host), SshFailures.rootMessage(lost));
      } finally {
        pool.checkIn(connection);
      }
    }
  }

  /** Commands waiting for their turn on {@code host} (RUNBOOK_HOST_CONCURRENCY): what a test observes. */
  int waitingForATurn(HostTarget host) {
    return limit.waiting(host);
  }

  /** Closes connections past their idle timeout or lifetime now, instead of at the next sweep. */
  void closeExpired() {
    pool.closeExpired();
  }

  @Override
  public void close() {
    pool.close();
    execution.close();
  }
}
