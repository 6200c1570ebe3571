package io.spacetime.runbook.ports.hosts;

/**
 * How an SSH activity reaches one host. Small on purpose: it is part of every host activity's
 * input in history. {@code keyFile} and {@code knownHosts} are paths on the worker, not secrets.
 *
 * @param serviceAddress the address the SpaceTime service binds on this host: port checks count
 *     only listeners on it or on a wildcard address (sandbox hosts share one kernel)
 * @param commandTimeoutSeconds the environment's {@code ssh.commandTimeoutSeconds}: one command's limit
 * @param transferTimeoutSeconds the environment's {@code ssh.transferTimeoutSeconds}: a backup's or copy's limit
 * @param connectionIdleTimeoutSeconds how long the worker keeps an unused connection to the host
 *     open; 0 (a target recorded before the field existed) means the default
 * @param connectionMaxLifetimeSeconds after how long a connection is replaced by a new login; 0
 *     means the default
 * @param maxSessions commands at once on the connection to the host ({@code ssh.maxSessions}); 0
 *     means the default
 */
public record HostTarget(
    String name,
    String address,
    int sshPort,
    String serviceAddress,
    String user,
    String keyFile,
    String knownHosts,
    int connectTimeoutSeconds,
    int commandTimeoutSeconds,
    int transferTimeoutSeconds,
    int connectionIdleTimeoutSeconds,
    int connectionMaxLifetimeSeconds,
    int maxSessions) {

  /** A target with the default session limit (tests, and targets written before the field existed). */
  public HostTarget(String name, String address, int sshPort, String serviceAddress, String user, String keyFile,
      String knownHosts, int connectTimeoutSeconds, int commandTimeoutSeconds, int transferTimeoutSeconds,
      int connectionIdleTimeoutSeconds, int connectionMaxLifetimeSeconds) {
    this(name, address, sshPort, serviceAddress, user, keyFile, knownHosts, connectTimeoutSeconds, commandTimeoutSeconds,
        transferTimeoutSeconds, connectionIdleTimeoutSeconds, connectionMaxLifetimeSeconds, 0);
  }

  @Override
  public String toString() {
    return name + " (" + user + "@" + address + ":" + sshPort + ")";
  }
}
