package io.spacetime.runbook.sandbox.standin;

import io.spacetime.runbook.sandbox.standin.ConditionControl.ActiveConditions;
import io.spacetime.runbook.sandbox.standin.ConditionControl.ControlRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link RuntimeCondition}s this service process holds: taken up from its control directory
 * (see {@link ConditionControl}), held in memory only, so they end with the process, and dropped
 * when their time is over. Without a control directory (the staging instance) it never holds any.
 */
final class ServiceConditions {

  /** How often the inbox is read and expiry checked: a request takes effect within about this long. */
  static final long POLL_MS = 100;

  private final Path controlDir;
  private final Journal journal;
  private final MemoryLeak leak;
  private final Clock clock;
  private final Map<RuntimeCondition, ActiveCondition> held = new ConcurrentHashMap<>();
  /** Requests each endpoint has answered since {@code errors} was taken up: what makes its share exact. */
  private final Map<String, AtomicLong> requestsSinceErrors = new ConcurrentHashMap<>();

  /** @param controlDir null when the service takes no conditions */
  ServiceConditions(Path controlDir, Journal journal, MemoryLeak leak, Clock clock) {
    this.controlDir = controlDir;
    this.journal = journal;
    this.leak = leak;
    this.clock = clock;
  }

  /** Forgets requests meant for an earlier process, says it holds nothing, and starts reading the inbox. */
  void start(ScheduledExecutorService scheduler) throws IOException {
    if (controlDir == null) {
      return;
    }
    ConditionControl.reset(controlDir, ProcessHandle.current().pid());
    scheduler.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  /** The condition if the service holds it now (and its time is not over). */
  Optional<ActiveCondition> active(RuntimeCondition condition) {
    return Optional.ofNullable(held.get(condition)).filter(c -> !c.expiredAt(clock.instant()));
  }

  /**
   * Whether the next response of {@code endpoint} is one of the {@code errors} condition's failures.
   * Spread evenly per endpoint (the n-th request fails when ceil(n x rate) grows), so any run of
   * requests to one endpoint fails the asked share within one request, the first one included.
   */
  boolean failsNext(String endpoint) {
    Optional<ActiveCondition> errors = active(RuntimeCondition.ERRORS);
    if (errors.isEmpty()) {
      return false;
    }
    return failsAt(requestsSinceErrors.computeIfAbsent(endpoint, e -> new AtomicLong()).getAndIncrement(),
        errors.get().ratePercent());
  }

  /** Whether request {@code n} (from 0) of a run fails, {@code ratePercent} of them spread evenly. */
  static boolean failsAt(long n, int ratePercent) {
    return ceilDiv((n + 1) * ratePercent, 100) > ceilDiv(n * ratePercent, 100);
  }

  /** The {@code slow} condition's delay, 0 without it. */
  long delayMs() {
    return active(RuntimeCondition.SLOW).map(ActiveCondition::delayMs).orElse(0);
  }

  private void poll() {
    try {
      boolean changed = false;
      for (ControlRequest request : ConditionControl.take(controlDir, journal)) {
        apply(request);
        changed = true;
      }
      changed |= expire();
      if (changed) {
        ConditionControl.publish(controlDir, new ActiveConditions(ProcessHandle.current().pid(),
            new ArrayList<>(held.values())));
      }
    } catch (IOException | RuntimeException e) {
      // A scheduled task that throws is never run again: log and go on reading the inbox.
      journal.warn("Sandbox", "reading the condition requests in " + controlDir + " failed: " + e.getMessage());
    }
  }

  private void apply(ControlRequest request) {
    switch (request.action()) {
      case INDUCE -> take(request.induce());
      case CLEAR -> {
        List<RuntimeCondition> dropped =
            request.clear() == null ? List.copyOf(held.keySet()) : List.of(request.clear());
        dropped.forEach(c -> drop(c, "cleared"));
      }
    }
  }

  private void take(ActiveCondition condition) {
    if (condition.condition() == RuntimeCondition.ERRORS) {
      requestsSinceErrors.clear();
    }
    held.put(condition.condition(), condition);
    if (condition.condition() == RuntimeCondition.MEMORY_GROWTH) {
      leak.grow(condition.mbPerSecond());
    }
    journal.info("Sandbox", "condition taken up: " + condition.describe(clock.instant()));
  }

  private void drop(RuntimeCondition condition, String why) {
    if (held.remove(condition) == null) {
      return;
    }
    if (condition == RuntimeCondition.MEMORY_GROWTH) {
      leak.stopGrowing();
    }
    journal.info("Sandbox", "condition " + why + ": " + condition);
  }

  private boolean expire() {
    Instant now = clock.instant();
    Map<RuntimeCondition, ActiveCondition> over = new EnumMap<>(RuntimeCondition.class);
    held.forEach((condition, active) -> {
      if (active.expiredAt(now)) {
        over.put(condition, active);
      }
    });
    over.keySet().forEach(c -> drop(c, "over (its time is up)"));
    return !over.isEmpty();
  }

  private static long ceilDiv(long value, long divisor) {
    return (value + divisor - 1) / divisor;
  }
}
