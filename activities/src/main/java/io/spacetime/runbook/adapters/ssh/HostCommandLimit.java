package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.ports.hosts.HostTarget;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code perHost} commands at once from this worker process on one host (address and SSH
 * port, whichever user or key the environment file logs in with). A deployment or an incident sends
 * a host one command at a time; more at once come only from several runs on the same host (an
 * alert storm opening incidents on a host that is already struggling), which is when the host can
 * least afford the engine's load on top of its own. Further commands wait their turn (fair
 * order), each for at most its own timeout.
 *
 * <p>The limit is per process: with W workers on the task queue a host may see up to W times
 * {@code perHost} commands at once. Thread-safe.
 */
final class HostCommandLimit {

  /** RUNBOOK_HOST_CONCURRENCY's default; the reason is in README's capacity table. */
  static final int DEFAULT_PER_HOST = 4;

  private record Host(String address, int port) {}

  private final int perHost;
  private final Map<Host, Semaphore> running = new ConcurrentHashMap<>();

  HostCommandLimit(int perHost) {
    if (perHost < 1) {
      throw new IllegalArgumentException("commands at once per host must be at least 1, got " + perHost);
    }
    this.perHost = perHost;
  }

  int perHost() {
    return perHost;
  }

  /** Takes one of {@code host}'s turns, waiting up to {@code patience}; false when none came free. */
  boolean acquire(HostTarget host, Duration patience) throws InterruptedException {
    return turnsOf(host).tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Commands waiting for one of {@code host}'s turns now (an estimate while threads come and go). */
  int waiting(HostTarget host) {
    return turnsOf(host).getQueueLength();
  }

  void release(HostTarget host) {
    turnsOf(host).release();
  }

  private Semaphore turnsOf(HostTarget host) {
    return running.computeIfAbsent(new Host(host.address(), host.sshPort()), k -> new Semaphore(perHost, true));
  }
}
