package io.spacetime.runbook.adapters;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.adapters.AdapterFailures.retryableAfter;

import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the answer of an HTTP service we deliver to or read from (a webhook, PagerDuty, Prometheus)
 * means for retrying, written once so every adapter treats it the same way:
 *
 * <ul>
 *   <li>2xx: done.
 *   <li>429 and 5xx: a retryable failure. The service is busy or down and may recover; its
 *       {@code Retry-After} becomes the next attempt's delay.
 *   <li>Anything else (400, 401, 404, a redirect): a non-retryable failure. The request itself is
 *       wrong, and a retry would send the same wrong request.
 * </ul>
 *
 * <p>Adapters never loop: the retrying is Temporal's retry policy, in one layer.
 */
public final class HttpAnswers {

  /**
   * The longest {@code Retry-After} we honour. P0's initial response target is 5 minutes
   * (RUNBOOK_INCIDENTS.md "Response Time Targets"), so one header must not use it up: past this the
   * retry policy's own backoff decides.
   */
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

  private HttpAnswers() {}

  public static boolean succeeded(int status) {
    return status >= 200 && status < 300;
  }

  public static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * The failure for an answer that is not 2xx, of {@code type}, with {@code message} (which should
   * name the service, the status and what it said, never a credential) and, when it is not
   * retried, {@code fix}: what a person should check. Retryable answers get the answer's
   * {@code Retry-After} as their next retry delay.
   */
  public static ApplicationFailure failure(String type, HttpResponse<?> response, String message, String fix) {
    if (!retryable(response.statusCode())) {
      return nonRetryable(type, message + "; not retried: " + fix);
    }
    Optional<Duration> delay = retryAfter(response.headers().firstValue("Retry-After"), Instant.now());
    return delay.isPresent()
        ? retryableAfter(type, message + "; retried in " + delay.get().toSeconds() + " s, as its Retry-After asks",
            delay.get())
        : AdapterFailures.retryable(type, message + "; retried by the activity's retry policy");
  }

  /**
   * {@code Retry-After} as delay-seconds or an HTTP-date, from {@code now}, at most
   * {@link #MAX_RETRY_AFTER}. Empty when absent, malformed, zero or in the past: the retry
   * policy's backoff applies then.
   */
  public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    Duration delay;
    if (value.chars().allMatch(Character::isDigit)) {
      delay = value.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
    } else {
      try {
        delay = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    if (delay.isNegative() || delay.isZero()) {
      return Optional.empty();
    }
    return Optional.of(delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay);
  }
}
