package io.spacetime.runbook.adapters.ssh;

/** Closing what may already be broken: a dead connection, a channel the server closed. */
final class Quietly {

  private Quietly() {}

  static void close(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing a broken connection or an already closed channel: nothing left to do.
    }
  }
}
