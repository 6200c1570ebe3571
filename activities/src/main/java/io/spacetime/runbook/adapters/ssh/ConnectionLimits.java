package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.ports.hosts.HostTarget;
import java.time.Duration;

/**
 * How long a pooled connection may serve commands: closed after {@code idleTimeout} without a
 * command (before a firewall or NAT drops it silently and the next command hangs on a dead
 * connection), and replaced after {@code maxLifetime} however busy (so a host's key is verified
 * against known_hosts again, and a host that was replaced behind the same address is noticed).
 */
record ConnectionLimits(Duration idleTimeout, Duration maxLifetime, int maxSessions) {

  /** The environment file's defaults (SshSettings), for targets recorded before the fields existed (0). */
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(1);
  /** OpenSSH's default {@code MaxSessions}. */
  static final int DEFAULT_MAX_SESSIONS = 10;

  static ConnectionLimits of(HostTarget host) {
    return new ConnectionLimits(
        host.connectionIdleTimeoutSeconds() > 0 ? Duration.ofSeconds(host.connectionIdleTimeoutSeconds()) : DEFAULT_IDLE_TIMEOUT,
        host.connectionMaxLifetimeSeconds() > 0 ? Duration.ofSeconds(host.connectionMaxLifetimeSeconds()) : DEFAULT_MAX_LIFETIME,
        host.maxSessions() > 0 ? host.maxSessions() : DEFAULT_MAX_SESSIONS);
  }
}
