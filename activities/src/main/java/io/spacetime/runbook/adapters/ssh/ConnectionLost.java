package io.spacetime.runbook.adapters.ssh;

/**
 * The transport under a command broke. Whether the command may have run decides what happens
 * next: one that never reached the server is sent again on a new connection, whatever it is; one
 * that may have run is sent again only if running it twice is harmless.
 */
final class ConnectionLost extends Exception {

  private final boolean commandMayHaveRun;

  private ConnectionLost(Throwable cause, boolean commandMayHaveRun) {
    super(cause);
    this.commandMayHaveRun = commandMayHaveRun;
  }

  /** Lost while opening the session: the command was never sent (a stale pooled connection). */
  static ConnectionLost beforeTheCommandWasSent(Throwable cause) {
    return new ConnectionLost(cause, false);
  }

  /** Lost after the exec request went out: the server may have run the command, or be running it. */
  static ConnectionLost whileTheCommandRan(Throwable cause) {
    return new ConnectionLost(cause, true);
  }

  boolean commandMayHaveRun() {
    return commandMayHaveRun;
  }
}
