package io.spacetime.runbook.hosts;

/**
 * How an SSH activity reaches one host. Small on purpose: it is part of every host activity's
 * input in history. {@code keyFile} and {@code knownHosts} are paths on the worker, not secrets.
 *
 * @param serviceAddress the address the SpaceTime service binds on this host: port checks count
 *     only listeners on it or on a wildcard address (sandbox hosts share one kernel)
 * @param commandTimeoutSeconds the environment's {@code ssh.commandTimeoutSeconds}: one command's limit
 * @param transferTimeoutSeconds the environment's {@code ssh.transferTimeoutSeconds}: a backup's or copy's limit
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
    int transferTimeoutSeconds) {

  /** A target whose transfers have the same limit as its other commands. */
  public HostTarget(String name, String address, int sshPort, String serviceAddress, String user, String keyFile,
      String knownHosts, int connectTimeoutSeconds, int commandTimeoutSeconds) {
    this(name, address, sshPort, serviceAddress, user, keyFile, knownHosts, connectTimeoutSeconds, commandTimeoutSeconds,
        commandTimeoutSeconds);
  }

  @Override
  public String toString() {
    return name + " (" + user + "@" + address + ":" + sshPort + ")";
  }
}
