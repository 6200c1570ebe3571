package io.spacetime.runbook.sandbox.standin;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Incident 6's leak, for real: memory the service takes and never gives back, so its resident set
 * (what {@code ps}, {@code /proc/PID/status} and {@code process_resident_memory_bytes} show) grows
 * at the rate asked. Held outside the Java heap in direct buffers with every page written, so it is
 * resident at once and the heap (and the service's own work) is not touched by it. It stops at
 * {@link #CAP_MB}, below the JVM's {@code -XX:MaxDirectMemorySize}, so the service never dies of
 * it. When the growth stops the memory stays held, as a real leak's does: only a restart of the
 * service gives it back.
 */
final class MemoryLeak {

  /** Growth stops here; {@link StandInService#JVM_OPTIONS} allows the direct memory this needs. */
  static final int CAP_MB = 512;
  private static final long MB = 1024 * 1024;
  private static final int CHUNK = 256 * 1024;
  private static final int PAGE = 4096;
  private static final long TICK_MS = 100;

  private final ScheduledExecutorService scheduler;
  private final Journal journal;
  private final List<ByteBuffer> held = new ArrayList<>();
  private ScheduledFuture<?> growth;
  private long heldBytes;
  private double owedBytes;
  private long lastTickNanos;

  MemoryLeak(ScheduledExecutorService scheduler, Journal journal) {
    this.scheduler = scheduler;
    this.journal = journal;
  }

  /** Grows by {@code mbPerSecond} from now on (replacing an earlier rate), until {@link #stopGrowing()} or the cap. */
  synchronized void grow(int mbPerSecond) {
    stopGrowing();
    lastTickNanos = System.nanoTime();
    double bytesPerNano = mbPerSecond * (double) MB / 1e9;
    growth = scheduler.scheduleAtFixedRate(() -> tick(bytesPerNano), 0, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** Grows no more; what it holds stays held. */
  synchronized void stopGrowing() {
    if (growth != null) {
      growth.cancel(false);
      growth = null;
    }
    owedBytes = 0;
  }

  synchronized long heldBytes() {
    return heldBytes;
  }

  /** Owed bytes accrue by elapsed time, so a late tick catches up and the rate holds whatever the timer's jitter. */
  private synchronized void tick(double bytesPerNano) {
    if (growth == null) {
      return;
    }
    long now = System.nanoTime();
    owedBytes += (now - lastTickNanos) * bytesPerNano;
    lastTickNanos = now;
    while (owedBytes >= CHUNK) {
      if (heldBytes + CHUNK > CAP_MB * MB) {
        journal.warn("ResonanceEngine", "memory-growth reached its cap of " + CAP_MB + " MB; holding it, growing no"
            + " more (the sandbox never lets it kill the service)");
        growth.cancel(false);
        growth = null;
        return;
      }
      ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
      // One write per page makes every page resident, whatever the JVM does when it allocates.
      for (int offset = 0; offset < CHUNK; offset += PAGE) {
        chunk.put(offset, (byte) 1);
      }
      held.add(chunk);
      heldBytes += CHUNK;
      owedBytes -= CHUNK;
    }
  }
}
