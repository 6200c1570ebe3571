package io.spacetime.runbook.environment;

import java.time.Duration;

/**
 * How long a rollback keeps trying. An undo that fails for a reason the world may fix (the host's
 * SSH is briefly unreachable, a network blip) is tried again with a backoff, each attempt recorded
 * in the report, until {@code retryMinutes} have passed since the undo began: a short outage must
 * not leave a host stopped or on the failed release. An undo that fails for a reason no retry can
 * fix (a missing backup, a refused key) fails at once.
 *
 * @param retryMinutes how long one undo keeps trying (default 10)
 * @param maxBackoffSeconds the longest pause between two attempts (default 30; starts at 1 s, doubling)
 * @param retrySeconds the same patience in seconds, overriding {@code retryMinutes} when given (a
 *     sandbox whose outages last seconds); 0 when not given
 */
public record RollbackSettings(Integer retryMinutes, Integer maxBackoffSeconds, Integer retrySeconds) {

  public RollbackSettings {
    retryMinutes = retryMinutes == null ? 10 : retryMinutes;
    maxBackoffSeconds = maxBackoffSeconds == null ? 30 : maxBackoffSeconds;
    retrySeconds = retrySeconds == null ? 0 : retrySeconds;
  }

  public RollbackSettings(Integer retryMinutes, Integer maxBackoffSeconds) {
    this(retryMinutes, maxBackoffSeconds, null);
  }

  public static RollbackSettings defaults() {
    return new RollbackSettings(null, null);
  }

  /** How long one undo keeps trying: {@code retrySeconds} when given, else {@code retryMinutes}. */
  public Duration patience() {
    return retrySeconds > 0 ? Duration.ofSeconds(retrySeconds) : Duration.ofMinutes(retryMinutes);
  }
}
