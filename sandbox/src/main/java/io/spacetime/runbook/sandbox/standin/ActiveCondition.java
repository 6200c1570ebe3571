package io.spacetime.runbook.sandbox.standin;

import java.time.Duration;
import java.time.Instant;

/**
 * One {@link RuntimeCondition} as the service holds it, with the setting that applies to it (the
 * others are 0).
 *
 * @param ratePercent {@link RuntimeCondition#ERRORS}: the share of API responses that answer 500, 1-100
 * @param delayMs {@link RuntimeCondition#SLOW}: added to every API response
 * @param mbPerSecond {@link RuntimeCondition#MEMORY_GROWTH}: how fast the resident memory grows
 * @param untilEpochMs when the condition ends by itself; 0: when the service restarts
 */
public record ActiveCondition(RuntimeCondition condition, int ratePercent, int delayMs, int mbPerSecond,
    long untilEpochMs) {

  public boolean lastsUntilRestart() {
    return untilEpochMs == 0;
  }

  /** True once its time is over; never for one that lasts until the restart. */
  public boolean expiredAt(Instant now) {
    return !lastsUntilRestart() && now.toEpochMilli() >= untilEpochMs;
  }

  /** For people: {@code errors: 50 % of API responses answer 500, for 25 s more}. */
  public String describe(Instant now) {
    String what = switch (condition) {
      case ERRORS -> ratePercent + " % of API responses answer 500";
      case SLOW -> "every API response takes " + delayMs + " ms longer";
      case AUTH -> "every API request answers 401";
      case MEMORY_GROWTH -> "resident memory grows by " + mbPerSecond + " MB/s";
    };
    String until = lastsUntilRestart() ? "until the service restarts"
        : "for " + Math.max(0, Duration.between(now, Instant.ofEpochMilli(untilEpochMs)).toSeconds()) + " s more";
    return condition + ": " + what + ", " + until;
  }
}
