package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.InputRules;
import java.time.Duration;
import java.util.Optional;

/**
 * What the rollout does between two batches: go on ({@code "none"}), wait a duration ({@code "5m"}),
 * or wait for a person's {@code continueRollout} update ({@code "approval"}).
 *
 * @param duration the pause when it is a duration; zero for none and for approval
 */
public record RolloutPause(Duration duration, boolean approval) {

  public static final String NONE = "none";
  public static final String APPROVAL = "approval";
  /** What is accepted, for help texts and error messages. */
  public static final String ACCEPTED = "\"none\", a duration like \"5m\", \"30s\" or \"1h\" (at most 24h), or \"approval\"";

  /** Why {@code text} is not a pause ({@code "\"x\" is not ..."}, for the caller to prefix with the field); empty when it is one. */
  public static Optional<String> problem(String text) {
    if (NONE.equals(text) || APPROVAL.equals(text)) {
      return Optional.empty();
    }
    return WatchDuration.parse(text).isPresent() ? Optional.empty()
        : Optional.of("\"" + InputRules.printable(text == null ? "" : text) + "\" is not " + ACCEPTED);
  }

  /** Call only with a text {@link #problem} accepted. */
  public static RolloutPause parse(String text) {
    if (NONE.equals(text)) {
      return new RolloutPause(Duration.ZERO, false);
    }
    if (APPROVAL.equals(text)) {
      return new RolloutPause(Duration.ZERO, true);
    }
    return new RolloutPause(WatchDuration.parse(text).orElseThrow(() -> new IllegalArgumentException(ACCEPTED)), false);
  }

  boolean none() {
    return !approval && duration.isZero();
  }

  @Override
  public String toString() {
    return approval ? APPROVAL : duration.isZero() ? NONE : duration.toSeconds() + " s";
  }
}
