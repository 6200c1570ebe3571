package io.spacetime.runbook.environment;

/**
 * How long a rollback keeps trying. An undo that fails for a reason the world may fix (the host's
 * SSH is briefly unreachable, a network blip) is tried again with a backoff, each attempt recorded
 * in the report, until {@code retryMinutes} have passed since the undo began: a short outage must
 * not leave a host stopped or on the failed release. An undo that fails for a reason no retry can
 * fix (a missing backup, a refused key) fails at once.
 *
 * @param retryMinutes how long one undo keeps trying (default 10)
 * @param maxBackoffSeconds the longest pause between two attempts (default 30; starts at 1 s, doubling)
 */
public record RollbackSettings(Integer retryMinutes, Integer maxBackoffSeconds) {

  public RollbackSettings {
    retryMinutes = retryMinutes == null ? 10 : retryMinutes;
    maxBackoffSeconds = maxBackoffSeconds == null ? 30 : maxBackoffSeconds;
  }

  public static RollbackSettings defaults() {
    return new RollbackSettings(null, null);
  }
}
