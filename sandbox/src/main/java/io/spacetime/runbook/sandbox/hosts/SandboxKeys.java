package io.spacetime.runbook.sandbox.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's SSH trust: one client key pair (the environment file's {@code keyFile}, the only
 * key any host accepts), one host key per host, and a {@code known_hosts} listing every host as
 * {@code [127.0.X.Y]:2222 ssh-ed25519 ...} so clients verify host keys as they must in production.
 * Keys are created once and kept, so a restarted sandbox presents the same host keys.
 */
public final class SandboxKeys {

  private final Path dir;

  private SandboxKeys(Path dir) {
    this.dir = dir;
  }

  /** Creates what is missing in {@code dir} and (re)writes authorized_keys and known_hosts for {@code hosts}. */
  public static SandboxKeys prepare(Path dir, List<SandboxHost> hosts, int sshPort) throws IOException {
    SandboxKeys keys = new SandboxKeys(dir.toAbsolutePath());
    Files.createDirectories(keys.dir);
    String clientPublic = Ed25519KeyFiles.ensure(keys.clientKey(), "sandbox-client");
    Files.writeString(keys.authorizedKeys(), clientPublic + "\n");
    StringBuilder knownHosts = new StringBuilder();
    for (SandboxHost host : hosts) {
      String hostPublic = Ed25519KeyFiles.ensure(keys.hostKey(host), host.name());
      knownHosts.append('[').append(host.address()).append("]:").append(sshPort).append(' ')
          .append(Ed25519KeyFiles.typeAndKey(hostPublic)).append('\n');
    }
    Files.writeString(keys.knownHosts(), knownHosts.toString());
    return keys;
  }

  /** The client's private key (OpenSSH format, mode 0600); its public half is {@code <file>.pub}. */
  public Path clientKey() {
    return dir.resolve("client_ed25519");
  }

  public Path authorizedKeys() {
    return dir.resolve("authorized_keys");
  }

  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  public Path hostKey(SandboxHost host) {
    return dir.resolve(host.name() + "_host_ed25519");
  }
}
