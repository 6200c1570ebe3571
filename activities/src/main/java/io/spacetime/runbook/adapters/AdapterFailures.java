package io.spacetime.runbook.adapters;

import io.spacetime.runbook.core.InvalidInputException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * The one place adapters build {@link ApplicationFailure}s, with the types of
 * {@link io.spacetime.runbook.core.FailureTypes} (the contract with workflow code: retry policies,
 * undo loops, reports); the messages name the host, file or field and say what to do.
 *
 * <p>Non-retryable: retrying cannot help until a person changes something (configuration, a
 * known_hosts entry, a missing backup). Retryable: the world may fix itself (a host reboots, a
 * webhook recovers), so Temporal's retry policy applies.
 */
public final class AdapterFailures {

  private AdapterFailures() {}

  public static ApplicationFailure nonRetryable(String type, String message, Object... details) {
    return ApplicationFailure.newNonRetryableFailure(message, type, details);
  }

  public static ApplicationFailure retryable(String type, String message, Object... details) {
    return ApplicationFailure.newFailure(message, type, details);
  }

  public static ApplicationFailure retryable(String type, String message, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(message, type, cause);
  }

  /**
   * Retryable, and the next attempt waits {@code nextRetryDelay} instead of the retry policy's own
   * backoff (the service said when to come back: {@code Retry-After}); the policy's attempt and
   * time limits still apply.
   */
  public static ApplicationFailure retryableAfter(String type, String message, Duration nextRetryDelay) {
    return ApplicationFailure.newBuilder().setType(type).setMessage(message).setNextRetryDelay(nextRetryDelay).build();
  }

  /** A workflow input that breaks an {@link io.spacetime.runbook.core.InputRules} rule. */
  public static ApplicationFailure invalidInput(InvalidInputException e) {
    return nonRetryable(io.spacetime.runbook.core.FailureTypes.INVALID_INPUT, e.getMessage());
  }
}
