package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.adapters.ssh.HostConnections.Delivery;
import io.spacetime.runbook.hosts.HostTarget;
import java.time.Duration;

/**
 * Runs commands on one host over the pooled connection: each command in a new SSH session
 * ({@code exec}), with a timeout, its exit code and bounded output. A timeout stops the command and
 * throws a retryable {@code CommandTimedOut}; connection problems throw the failures described in
 * {@link HostConnections}. A non-zero exit is a result, not an exception: callers decide with
 * {@link CommandRun#requireSuccess}.
 *
 * <p>Say whether running a command twice is harmless: {@link #run} for reads and idempotent
 * scripts (sent again on a new connection if the connection broke while it ran),
 * {@link #runAtMostOnce} for a change that must not happen twice, such as starting a service
 * (never sent again; a lost answer throws the retryable {@code CommandOutcomeUnknown}, and the
 * caller's retry must read the host's state before acting again).
 */
public final class RemoteShell {

  private static final int DEFAULT_TIMEOUT_SECONDS = 300;

  private final HostConnections connections;
  private final HostTarget host;

  RemoteShell(HostConnections connections, HostTarget host) {
    this.connections = connections;
    this.host = host;
  }

  public HostTarget host() {
    return host;
  }

  /** An idempotent command, with the host's {@code commandTimeoutSeconds}. */
  public CommandRun run(ShellCommand command) {
    return run(command, defaultTimeout());
  }

  /** An idempotent command. */
  public CommandRun run(ShellCommand command, Duration timeout) {
    return connections.execute(host, command, timeout, Delivery.IDEMPOTENT);
  }

  /** A command that must not run twice, with the host's {@code commandTimeoutSeconds}. */
  public CommandRun runAtMostOnce(ShellCommand command) {
    return runAtMostOnce(command, defaultTimeout());
  }

  /** A command that must not run twice. */
  public CommandRun runAtMostOnce(ShellCommand command, Duration timeout) {
    return connections.execute(host, command, timeout, Delivery.AT_MOST_ONCE);
  }

  private Duration defaultTimeout() {
    return Duration.ofSeconds(host.commandTimeoutSeconds() > 0 ? host.commandTimeoutSeconds() : DEFAULT_TIMEOUT_SECONDS);
  }
}
