package io.spacetime.runbook.environment;

/**
 * How the engine logs in to the environment's hosts. Host keys are always verified against
 * {@code knownHosts}; there is deliberately no switch to accept unknown keys.
 *
 * @param keyFile path of the private key on the worker's machine (the key itself never enters history)
 */
public record SshSettings(
    String user,
    String keyFile,
    String knownHosts,
    Integer connectTimeoutSeconds,
    Integer commandTimeoutSeconds) {

  public SshSettings {
    user = user == null ? "spacetime-deploy" : user;
    keyFile = keyFile == null ? "~/.ssh/id_ed25519" : keyFile;
    knownHosts = knownHosts == null ? "~/.ssh/known_hosts" : knownHosts;
    connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
    commandTimeoutSeconds = commandTimeoutSeconds == null ? 300 : commandTimeoutSeconds;
  }

  public static SshSettings defaults() {
    return new SshSettings(null, null, null, null, null);
  }
}
