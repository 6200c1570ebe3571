package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.hosts.HostTarget;
import java.time.Duration;

/**
 * Runs commands on one host over the pooled connection: each command in a new SSH session
 * ({@code exec}), with a timeout, its exit code and bounded output. A timeout stops the command and
 * throws a retryable {@code CommandTimedOut}; connection problems throw the failures described in
 * {@link HostConnections}. A non-zero exit is a result, not an exception: callers decide with
 * {@link CommandRun#requireSuccess}.
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

  /** Runs with the host's {@code commandTimeoutSeconds}. */
  public CommandRun run(ShellCommand command) {
    int seconds = host.commandTimeoutSeconds() > 0 ? host.commandTimeoutSeconds() : DEFAULT_TIMEOUT_SECONDS;
    return run(command, Duration.ofSeconds(seconds));
  }

  public CommandRun run(ShellCommand command, Duration timeout) {
    return connections.execute(host, command, timeout);
  }
}
