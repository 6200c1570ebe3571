package io.spacetime.runbook.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpAnswersTest {

  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void onlyRateLimitsAndServerErrorsAreRetryable() {
    for (int status : new int[] {429, 500, 502, 503, 504}) {
      assertTrue(HttpAnswers.retryable(status), "HTTP " + status);
    }
    for (int status : new int[] {301, 400, 401, 403, 404, 410, 422}) {
      assertFalse(HttpAnswers.retryable(status), "HTTP " + status);
    }
  }

  @Test
  void retryAfterInSecondsIsTheDelay() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), HttpAnswers.retryAfter(Optional.of(" 30 "), NOW));
  }

  @Test
  void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
    assertEquals(Optional.of(Duration.ofSeconds(45)),
        HttpAnswers.retryAfter(Optional.of("Wed, 02 Dec 2026 10:00:45 GMT"), NOW));
  }

  @Test
  void aRetryAfterLongerThanTheCapWaitsOnlyTheCap() {
    assertEquals(Optional.of(HttpAnswers.MAX_RETRY_AFTER), HttpAnswers.retryAfter(Optional.of("3600"), NOW));
    assertEquals(Optional.of(HttpAnswers.MAX_RETRY_AFTER), HttpAnswers.retryAfter(Optional.of("99999999999999999999"), NOW));
  }

  @Test
  void absentPastZeroOrMalformedRetryAfterLeavesTheBackoffToTheRetryPolicy() {
    for (String value : new String[] {"", "0", "-5", "soon", "Wed, 02 Dec 2026 09:59:00 GMT"}) {
      assertEquals(Optional.empty(), HttpAnswers.retryAfter(Optional.of(value), NOW), value);
    }
    assertEquals(Optional.empty(), HttpAnswers.retryAfter(Optional.empty(), NOW));
  }
}
