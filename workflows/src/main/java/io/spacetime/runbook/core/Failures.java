package io.spacetime.runbook.core;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/** Turns a Temporal failure chain into one line an operator can read. */
public final class Failures {

  private Failures() {}

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
