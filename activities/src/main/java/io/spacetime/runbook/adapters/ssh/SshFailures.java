package io.spacetime.runbook.adapters.ssh;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.adapters.AdapterFailures.retryable;
import static io.spacetime.runbook.core.FailureTypes.COMMAND_OUTCOME_UNKNOWN;
import static io.spacetime.runbook.core.FailureTypes.COMMAND_TIMED_OUT;
import static io.spacetime.runbook.core.FailureTypes.HOST_COMMAND_FAILED;
import static io.spacetime.runbook.core.FailureTypes.HOST_KEY_NOT_VERIFIABLE;
import static io.spacetime.runbook.core.FailureTypes.HOST_UNREACHABLE;
import static io.spacetime.runbook.core.FailureTypes.SSH_AUTH_FAILED;
import static io.spacetime.runbook.core.FailureTypes.SSH_KEY_MISSING;
import static io.spacetime.runbook.core.FailureTypes.SSH_SESSIONS_BUSY;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * What the operator reads when SSH fails: every failure of this package is built here, as the
 * {@link io.spacetime.runbook.adapters.AdapterFailures} type workflow code decides on (retry or
 * not) and a message that names the host, its address, the file or field, what was seen and what
 * to do about it.
 */
final class SshFailures {

  private SshFailures() {}

  /** {@code api-1 (deploy@10.0.1.50:22)}: how every message names a host. */
  static String describe(HostTarget host) {
    return host.name() + " (" + host.user() + "@" + host.address() + ":" + host.sshPort() + ")";
  }

  static ApplicationFailure keyMissing(HostTarget host, Path keyFile) {
    return nonRetryable(SSH_KEY_MISSING, "SSH private key " + keyFile + " (ssh.keyFile) for host " + describe(host)
        + " does not exist or is not readable by the worker; put the deploy key there or fix ssh.keyFile");
  }

  static ApplicationFailure knownHostsMissing(HostTarget host, Path knownHosts) {
    return nonRetryable(HOST_KEY_NOT_VERIFIABLE, "known_hosts file " + knownHosts + " (ssh.knownHosts) does not exist,"
        + " so the host key of " + describe(host) + " cannot be verified; create it with the host's key entry");
  }

  static ApplicationFailure keysUnreadable(HostTarget host, Path keyFile, Path knownHosts, IOException e) {
    return nonRetryable(SSH_KEY_MISSING, "cannot read the SSH private key " + keyFile + " or known_hosts " + knownHosts
        + " for host " + describe(host) + ": " + e.getMessage() + "; the key must be an unencrypted OpenSSH/PEM key");
  }

  static ApplicationFailure keyRefused(HostTarget host, Path keyFile) {
    return nonRetryable(SSH_AUTH_FAILED, "host " + describe(host) + " refused the key " + keyFile + " for user '"
        + host.user() + "'; add its public key to that user's authorized_keys or fix ssh.user / ssh.keyFile");
  }

  static ApplicationFailure hostKey(HostTarget host, Path knownHosts, KnownHostsVerifier verifier) {
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

  static ApplicationFailure unreachable(HostTarget host, IOException e) {
    Throwable root = rootCause(e);
    String what;
    if (root instanceof ConnectException) {
      what = "connection refused: is sshd running on port " + host.sshPort() + " and is that the right port (sshPort)?";
    } else if (root instanceof SocketTimeoutException || root instanceof TimeoutException) {
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

  /** The transport is fine; the server refused one more session (OpenSSH MaxSessions). */
  static ApplicationFailure sessionRefused(HostTarget host, Exception e) {
    return retryable(HOST_UNREACHABLE, "host " + describe(host) + " refused a new SSH session (" + e.getMessage()
        + "); too many concurrent commands? check MaxSessions in its sshd_config", e);
  }

  /** The connection is fine and the server said no to exec: a restricted account, not retried. */
  static ApplicationFailure execRefused(HostTarget host, Exception e) {
    return nonRetryable(HOST_COMMAND_FAILED, "host " + describe(host) + " refused to run a command over SSH ("
        + e.getMessage() + "); check that user '" + host.user() + "' may execute commands (login shell, sshd"
        + " ForceCommand or command restrictions)");
  }

  static ApplicationFailure lostTwice(HostTarget host, ConnectionLost lost) {
    return retryable(HOST_UNREACHABLE, "lost the SSH connection to host " + describe(host)
        + " twice while running a command (" + rootMessage(lost) + "); check the host and the network", lost.getCause());
  }

  /**
   * A command that must not run twice was sent and the connection died before its exit status
   * came back. Retryable: the activity's retry re-reads the host's state before it acts again.
   */
  static ApplicationFailure outcomeUnknown(HostTarget host, ShellCommand command, ConnectionLost lost) {
    return retryable(COMMAND_OUTCOME_UNKNOWN, "the SSH connection to host " + describe(host) + " was lost while it ran"
        + " a command that must not run twice (" + rootMessage(lost) + "), so whether it took effect is unknown and it"
        + " was NOT run again on a new connection. A retry of this step checks the host's state before acting; if the"
        + " retries run out, check the host by hand before running it yourself: "
        + CommandRun.abbreviate(command.text()), lost.getCause());
  }

  static ApplicationFailure timedOut(HostTarget host, ShellCommand command, Duration timeout, long ms) {
    return retryable(COMMAND_TIMED_OUT, "on host " + host.name() + ", the command did not finish within "
        + timeout.toSeconds() + " s and was stopped (raise ssh.commandTimeoutSeconds if it needs longer): "
        + CommandRun.abbreviate(command.text()),
        new CommandEvidence(host.name(), command.text(), -1, "", "timed out after " + ms + " ms", ms));
  }

  static ApplicationFailure sessionsBusy(HostTarget host, int maxSessions, Duration waited) {
    return retryable(SSH_SESSIONS_BUSY, "all " + maxSessions + " SSH sessions to host " + describe(host)
        + " (ssh.maxSessions) stayed busy for " + waited.toSeconds() + " s; the command was not sent");
  }

  static ApplicationFailure hostBusy(HostTarget host, int perHost, Duration waited) {
    return retryable(SSH_SESSIONS_BUSY, "this worker already ran " + perHost + " commands at once on host "
        + describe(host) + " (RUNBOOK_HOST_CONCURRENCY) for " + waited.toSeconds() + " s; the command was not sent."
        + " Raise RUNBOOK_HOST_CONCURRENCY if the host takes more, or find what keeps its commands running");
  }

  static ApplicationFailure interrupted(HostTarget host, InterruptedException e) {
    return retryable(HOST_UNREACHABLE, "interrupted while running a command on host " + host.name(), e);
  }

  static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
