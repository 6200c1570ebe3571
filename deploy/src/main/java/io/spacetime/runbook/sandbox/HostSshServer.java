package io.spacetime.runbook.sandbox;

/**
 * The SSH server of one sandbox host, listening on the host's address and {@link Sandbox#SSH_PORT}.
 * Every command it runs is recorded in the host's {@code commands.log} and runs with
 * {@code /bin/sh -c} in the host root, with the server's normal PATH.
 */
interface HostSshServer extends AutoCloseable {

  SandboxHost host();

  /** Stops listening; commands still running finish on their own. */
  @Override
  void close();
}
