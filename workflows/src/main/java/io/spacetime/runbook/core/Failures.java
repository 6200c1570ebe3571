package io.spacetime.runbook.core;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/**
 * Turns a Temporal failure chain into one line an operator can read, and a broken input rule into
 * the failure that ends a run before it does anything.
 */
public final class Failures {

  private Failures() {}

  /**
   * Runs an input's validation and turns a broken rule into a non-retryable failure of type
   * {@value InvalidInputException#TYPE}: the run fails at once, before any activity, with the
   * message saying what to fix.
   */
  public static void rejectInvalidInput(Runnable validation) {
    try {
      validation.run();
    } catch (InvalidInputException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInputException.TYPE);
    }
  }

  /**
   * True when trying again may succeed: the activity failed for a reason the world may fix (an
   * unreachable host, a timeout), not one a person must fix first (a non-retryable failure, one of
   * {@link RunbookActivityOptions#DO_NOT_RETRY}), and it was not cancelled.
   */
  public static boolean retryable(Throwable e) {
    Throwable t = e;
    while (t instanceof ActivityFailure && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure af) {
      return !af.isNonRetryable() && !FailureTypes.NO_RETRY.contains(af.getType());
    }
    return !(t instanceof CanceledFailure);
  }

  /** True when {@code e} says the host did not answer over SSH (refused, timed out, connection lost). */
  public static boolean hostUnreachable(Throwable e) {
    Throwable t = e;
    while (t instanceof ActivityFailure && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure af && FailureTypes.HOST_UNREACHABLE.equals(af.getType());
  }

  /** The innermost useful message of {@code e}: the adapter's own words, not Temporal's wrapping. */
  public static String describe(Throwable e) {
    Throwable t = e;
    // An activity failure wraps the real cause (ApplicationFailure from the adapter, a timeout...).
    while (t instanceof ActivityFailure && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    if (t instanceof CanceledFailure) {
      return "cancelled";
    }
    if (t instanceof TemporalFailure tf) {
      return tf.getOriginalMessage();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
