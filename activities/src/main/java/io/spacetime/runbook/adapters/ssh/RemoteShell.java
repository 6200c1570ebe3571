package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.adapters.ssh.HostConnections.Delivery;
import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;

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

  private static final int DEFAULT_TIMEOUT_SECONDS = 120;
  /** What is left of an activity's time for reporting after its last command was stopped. */
  static final Duration ACTIVITY_SAFETY = Duration.ofSeconds(5);

  private final HostConnections connections;
  private final HostTarget host;

  RemoteShell(HostConnections connections, HostTarget host) {
    this.connections = connections;
    this.host = host;
  }

  public HostTarget host() {
    return host;
  }

  /** An idempotent command, with the environment's {@code ssh.commandTimeoutSeconds}. */
  public CommandRun run(ShellCommand command) {
    return limited(command, seconds(host.commandTimeoutSeconds()), "ssh.commandTimeoutSeconds", Delivery.IDEMPOTENT);
  }

  /** An idempotent backup or release copy, with the environment's {@code ssh.transferTimeoutSeconds}. */
  public CommandRun transfer(ShellCommand command) {
    return limited(command, seconds(host.transferTimeoutSeconds()), "ssh.transferTimeoutSeconds", Delivery.IDEMPOTENT);
  }

  /** An idempotent command with an explicit limit. */
  public CommandRun run(ShellCommand command, Duration timeout) {
    return limited(command, timeout, "the limit given for this command", Delivery.IDEMPOTENT);
  }

  /**
   * An idempotent command with an explicit limit: a configured command with a timeout of its own
   * ({@code setting} names where it comes from, e.g. {@code staging.testTimeoutSeconds}, for the message).
   */
  public CommandRun run(ShellCommand command, Duration timeout, String setting) {
    return limited(command, timeout, setting, Delivery.IDEMPOTENT);
  }

  /** A command that must not run twice, with the environment's {@code ssh.commandTimeoutSeconds}. */
  public CommandRun runAtMostOnce(ShellCommand command) {
    return limited(command, seconds(host.commandTimeoutSeconds()), "ssh.commandTimeoutSeconds", Delivery.AT_MOST_ONCE);
  }

  /** A command that must not run twice, with an explicit limit ({@code setting} names it). */
  public CommandRun runAtMostOnce(ShellCommand command, Duration timeout, String setting) {
    return limited(command, timeout, setting, Delivery.AT_MOST_ONCE);
  }

  /**
   * One timeout model: a command runs at most its own limit, and never past its activity's
   * start-to-close timeout (less a safety margin), so it is always the command that stops first,
   * with a message naming both limits, rather than the activity timing out around a command that
   * still runs on the host.
   */
  private CommandRun limited(ShellCommand command, Duration limit, String setting, Delivery delivery) {
    Optional<Duration> left = ActivityContext.remaining(ACTIVITY_SAFETY);
    boolean cutByActivity = left.isPresent() && left.get().compareTo(limit) < 0;
    Duration effective = cutByActivity ? left.get() : limit;
    try {
      return connections.execute(host, command, effective, delivery);
    } catch (ApplicationFailure timedOut) {
      if (!FailureTypes.COMMAND_TIMED_OUT.equals(timedOut.getType())) {
        throw timedOut;
      }
      String activity = ActivityContext.startToClose().map(d -> "its activity allows " + d.toSeconds() + " s")
          .orElse("it ran outside an activity");
      String what = cutByActivity
          ? "the command was stopped after " + effective.toSeconds() + " s, at the end of its activity's time ("
              + activity + ", start-to-close; the command's own limit is " + limit.toSeconds() + " s, " + setting
              + "); the activity's timeout follows " + setting + ", raise it if the step needs longer"
          : "the command did not finish within " + limit.toSeconds() + " s (" + setting + "; " + activity
              + ") and was stopped; raise " + setting + " if it needs longer";
      throw AdapterFailures.retryable(FailureTypes.COMMAND_TIMED_OUT, "on host " + host.name() + ", " + what + ": "
          + CommandRun.abbreviate(command.text()), timedOut);
    }
  }

  private static Duration seconds(int value) {
    return Duration.ofSeconds(value > 0 ? value : DEFAULT_TIMEOUT_SECONDS);
  }
}
