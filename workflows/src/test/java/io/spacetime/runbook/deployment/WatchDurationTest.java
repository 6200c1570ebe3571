package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request's {@code watch} field and the CLI's {@code --watch}: what is accepted and what it means. */
class WatchDurationTest {

  static final Duration ENVIRONMENT = Duration.ofMinutes(30);

  @ParameterizedTest(name = "\"{0}\" is {1} s")
  @CsvSource({"'', 1800", "off, 0", "45s, 45", "30m, 1800", "2h, 7200", "24h, 86400"})
  void acceptedDurations(String text, long seconds) {
    assertEquals(Optional.empty(), WatchDuration.problem("watch", text));
    assertEquals(Duration.ofSeconds(seconds), WatchDuration.resolve(text, ENVIRONMENT));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"30", "30 m", "1d", "-5m", "0s", "25h", "OFF", "30m;rm"})
  void refusedDurationsNameTheField(String text) {
    assertTrue(WatchDuration.problem("watch", text).orElseThrow().startsWith("watch \""),
        WatchDuration.problem("watch", text).orElseThrow());
  }

  @Test
  void aRequestWithABadWatchIsInvalidNamingTheFieldAndWhatIsAccepted() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> DeploymentRequest.of("sandbox", "v2.5.0").withWatch("soon").validate());

    assertEquals("deployment request is invalid: watch \"soon\" is not " + WatchDuration.ACCEPTED, e.getMessage());
  }
}
