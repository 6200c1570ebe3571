package io.spacetime.runbook.sandbox.standin;

import io.spacetime.runbook.sandbox.releases.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Fault#DEGRADES} release: healthy until {@code onset} after start, then
 * {@value #ERROR_PERCENT} % of every endpoint's requests but {@code GET /status} fail, spread evenly
 * as the {@code errors} condition spreads them. {@code /status} keeps answering, as a degraded
 * release's health check often does, so only the error rate tells.
 */
final class Degradation {

  static final int ERROR_PERCENT = 20;

  private final Instant from;
  private final Clock clock;
  private final Map<String, AtomicLong> requestsSinceOnset = new ConcurrentHashMap<>();

  private Degradation(Instant from, Clock clock) {
    this.from = from;
    this.clock = clock;
  }

  /** A release that never degrades. */
  static Degradation none() {
    return new Degradation(Instant.MAX, Clock.systemUTC());
  }

  /** A release that degrades {@code onset} from now. */
  static Degradation after(Duration onset, Clock clock) {
    return new Degradation(clock.instant().plus(onset), clock);
  }

  /** Whether the next answer of {@code endpoint} is one of the degradation's 500s. */
  boolean failsNext(String endpoint) {
    if ("/status".equals(endpoint) || clock.instant().isBefore(from)) {
      return false;
    }
    return ServiceConditions.failsAt(requestsSinceOnset.computeIfAbsent(endpoint, e -> new AtomicLong())
        .getAndIncrement(), ERROR_PERCENT);
  }
}
