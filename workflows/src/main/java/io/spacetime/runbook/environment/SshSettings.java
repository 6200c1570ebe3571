package io.spacetime.runbook.environment;

/**
 * How the engine logs in to the environment's hosts. Host keys are always verified against
 * {@code knownHosts}; there is deliberately no switch to accept unknown keys.
 *
 * @param keyFile path of the private key on the worker's machine (the key itself never enters history)
 * @param connectionIdleTimeoutSeconds a pooled connection unused for this long is closed (default 5
 *     minutes: below the idle timeouts of common NAT gateways and load balancers, which drop a
 *     connection silently)
 * @param connectionMaxLifetimeSeconds a pooled connection this old takes no new command and is
 *     replaced by a new login, host key verified again (default 1 hour)
 */
public record SshSettings(
    String user,
    String keyFile,
    String knownHosts,
    Integer connectTimeoutSeconds,
    Integer commandTimeoutSeconds,
    Integer connectionIdleTimeoutSeconds,
    Integer connectionMaxLifetimeSeconds) {

  public SshSettings {
    user = user == null ? "spacetime-deploy" : user;
    keyFile = keyFile == null ? "~/.ssh/id_ed25519" : keyFile;
    knownHosts = knownHosts == null ? "~/.ssh/known_hosts" : knownHosts;
    connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
    commandTimeoutSeconds = commandTimeoutSeconds == null ? 300 : commandTimeoutSeconds;
    connectionIdleTimeoutSeconds = connectionIdleTimeoutSeconds == null ? 300 : connectionIdleTimeoutSeconds;
    connectionMaxLifetimeSeconds = connectionMaxLifetimeSeconds == null ? 3600 : connectionMaxLifetimeSeconds;
  }

  public static SshSettings defaults() {
    return new SshSettings(null, null, null, null, null, null, null);
  }
}
