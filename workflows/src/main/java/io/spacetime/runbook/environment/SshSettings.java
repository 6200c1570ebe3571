package io.spacetime.runbook.environment;

/**
 * How the engine logs in to the environment's hosts. Host keys are always verified against
 * {@code knownHosts}; there is deliberately no switch to accept unknown keys.
 *
 * @param keyFile path of the private key on the worker's machine (the key itself never enters history)
 * @param commandTimeoutSeconds the longest one command of a check or a change may run (default 120);
 *     the activity that runs it is given this plus a margin, so the command always ends first and
 *     says so, rather than the activity timing out around a command that still runs
 * @param transferTimeoutSeconds the same for a backup or a release copy (3.1, Step 3; default 1800)
 * @param connectionIdleTimeoutSeconds a pooled connection unused for this long is closed (default 5
 *     minutes: below the idle timeouts of common NAT gateways and load balancers, which drop a
 *     connection silently)
 * @param connectionMaxLifetimeSeconds a pooled connection this old takes no new command and is
 *     replaced by a new login, host key verified again (default 1 hour)
 * @param maxSessions commands run at once on the one connection to a host (default 10, OpenSSH's
 *     own {@code MaxSessions}): more would be refused by the server ("open failed"), so further
 *     commands wait for a session to end; set it to the hosts' {@code MaxSessions}
 */
public record SshSettings(
    String user,
    String keyFile,
    String knownHosts,
    Integer connectTimeoutSeconds,
    Integer commandTimeoutSeconds,
    Integer transferTimeoutSeconds,
    Integer connectionIdleTimeoutSeconds,
    Integer connectionMaxLifetimeSeconds,
    Integer maxSessions) {

  public SshSettings {
    user = user == null ? "spacetime-deploy" : user;
    keyFile = keyFile == null ? "~/.ssh/id_ed25519" : keyFile;
    knownHosts = knownHosts == null ? "~/.ssh/known_hosts" : knownHosts;
    connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
    commandTimeoutSeconds = commandTimeoutSeconds == null ? 120 : commandTimeoutSeconds;
    transferTimeoutSeconds = transferTimeoutSeconds == null ? 1800 : transferTimeoutSeconds;
    connectionIdleTimeoutSeconds = connectionIdleTimeoutSeconds == null ? 300 : connectionIdleTimeoutSeconds;
    connectionMaxLifetimeSeconds = connectionMaxLifetimeSeconds == null ? 3600 : connectionMaxLifetimeSeconds;
    maxSessions = maxSessions == null ? 10 : maxSessions;
  }

  public static SshSettings defaults() {
    return new SshSettings(null, null, null, null, null, null, null, null, null);
  }
}
