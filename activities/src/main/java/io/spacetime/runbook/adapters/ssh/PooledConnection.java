package io.spacetime.runbook.adapters.ssh;

import java.time.Duration;
import java.time.Instant;
import net.schmizz.sshj.SSHClient;

/**
 * One authenticated connection of the {@link ConnectionPool}, with what the pool needs to decide
 * whether it may carry another command: when it was opened (for the maximum lifetime), when its
 * last command ended (for the idle timeout), and how many commands run on it now. A connection
 * that is retired takes no more commands and is closed as soon as the last one running on it ends,
 * so expiry never cuts a command off.
 */
final class PooledConnection {

  private final SSHClient client;
  private final Instant opened;
  private Instant lastReturned;
  private int users;
  private boolean retired;
  private ConnectionLimits limits;

  PooledConnection(SSHClient client, Instant opened, ConnectionLimits limits) {
    this.client = client;
    this.opened = opened;
    this.lastReturned = opened;
    this.limits = limits;
  }

  SSHClient client() {
    return client;
  }

  /**
   * Takes this connection for one command if it is still good for one at {@code now}: not retired,
   * still connected and authenticated, younger than its lifetime and not idle for too long.
   */
  synchronized boolean tryCheckOut(Instant now, ConnectionLimits current) {
    limits = current;
    if (retired || !client.isConnected() || !client.isAuthenticated() || expired(now)) {
      return false;
    }
    users++;
    return true;
  }

  /** The command that took it ended; closes the connection if it was retired meanwhile. */
  synchronized void checkIn(Instant now) {
    users--;
    lastReturned = now;
    if (retired && users == 0) {
      Quietly.close(client);
    }
  }

  /** No new commands; closed now if none runs, else when the last one ends. */
  synchronized void retire() {
    retired = true;
    if (users == 0) {
      Quietly.close(client);
    }
  }

  /** Retires it if it is past its lifetime or idle for longer than its idle timeout. */
  synchronized boolean retireIfExpired(Instant now) {
    if (!retired && expired(now)) {
      retire();
      return true;
    }
    return false;
  }

  /** The transport broke: close it at once; commands still on it fail and are handled by their callers. */
  synchronized void discard() {
    retired = true;
    Quietly.close(client);
  }

  synchronized String age(Instant now) {
    return Duration.between(opened, now).toSeconds() + " s old, idle " + (users > 0 ? "0"
        : Duration.between(lastReturned, now).toSeconds()) + " s";
  }

  private boolean expired(Instant now) {
    boolean tooOld = !now.isBefore(opened.plus(limits.maxLifetime()));
    boolean idleTooLong = users == 0 && !now.isBefore(lastReturned.plus(limits.idleTimeout()));
    return tooOld || idleTooLong;
  }
}
