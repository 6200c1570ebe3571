package io.spacetime.runbook.sandbox.hosts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox host served by Apache MINA SSHD inside this JVM: public-key login with the sandbox's
 * client key only, the host's own persisted ed25519 host key, and exec requests run as
 * {@code /bin/sh -c <command>} in the host root. Nothing to install.
 */
public final class EmbeddedSshHost implements HostSshServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSshHost.class);

  private final SandboxHost host;
  private final SshServer server;

  private EmbeddedSshHost(SandboxHost host, SshServer server) {
    this.host = host;
    this.server = server;
  }

  /** Starts listening; fails naming the host and address when the port is taken. */
  public static EmbeddedSshHost start(SandboxHost host, int port, Path hostKey, Path authorizedKeys) throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(host.address());
    server.setPort(port);
    server.setKeyPairProvider(new FileKeyPairProvider(hostKey));
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setGSSAuthenticator(null);
    // Without it every command pays Nagle + delayed ACK: ~88 ms instead of ~5 ms (ENVIRONMENT.md).
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setCommandFactory(new HostCommandFactory(host));
    try {
      server.start();
    } catch (IOException e) {
      server.stop(true);
      throw new IOException("cannot start the SSH server of " + host.name() + " on " + host.address() + ":" + port
          + ": " + e.getMessage() + " (is another sandbox running on this subnet?)", e);
    }
    log.info("{}: MINA SSHD listening on {}:{}", host.name(), host.address(), port);
    return new EmbeddedSshHost(host, server);
  }

  @Override
  public SandboxHost host() {
    return host;
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      log.warn("{}: SSH server did not stop cleanly: {}", host.name(), e.getMessage());
    }
  }

  /** Records each exec request in commands.log, then runs it in the host root. */
  private record HostCommandFactory(SandboxHost host) implements CommandFactory {
    @Override
    public Command createCommand(ChannelSession channel, String command) throws IOException {
      CommandLog.append(host.commandsLog(), command);
      return new InHostRoot(host.root(), command).createShell(channel);
    }
  }

  /**
   * MINA's process shell runs in the JVM's working directory and ignores its argument list;
   * overriding the effective command is how each host gets its own root. The root and the
   * command are passed as positional parameters, so neither is spliced into shell text.
   */
  private static final class InHostRoot extends ProcessShellFactory {
    private final Path root;

    InHostRoot(Path root, String command) {
      super(command, List.of(command));
      this.root = root;
    }

    @Override
    protected List<String> resolveEffectiveCommand(ChannelSession channel, String rawCommand, List<String> parsed) {
      return List.of("/bin/sh", "-c", "cd \"$1\" && exec /bin/sh -c \"$2\"", "sandbox-host", root.toString(), rawCommand);
    }
  }
}
