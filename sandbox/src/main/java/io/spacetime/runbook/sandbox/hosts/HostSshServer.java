package io.spacetime.runbook.sandbox.hosts;

/**
 * The SSH server of one sandbox host, listening on the host's address and the sandbox's SSH port:
 * {@link EmbeddedSshHost} or {@link OpenSshHost}. Every command it runs is recorded in the host's
 * {@code commands.log} and runs with {@code /bin/sh -c} in the host root, with the server's normal
 * PATH.
 */
public interface HostSshServer extends AutoCloseable {

  SandboxHost host();

  /**
   * Stops listening and closes every open connection, so no client keeps a session on a host that
   * is gone; commands still running lose their connection.
   */
  @Override
  void close();
}
