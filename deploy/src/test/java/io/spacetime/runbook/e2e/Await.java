package io.spacetime.runbook.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Bounded polling: the only way these tests wait for something. */
public final class Await {

  static final Duration INTERVAL = Duration.ofMillis(20);

  private Await() {}

  /**
   * Calls {@code probe} every {@link #INTERVAL} until it returns a value, up to {@code timeout}.
   * An exception from the probe counts as "not yet" (a server restarting, a worker not polling
   * yet); the last one is reported if time runs out.
   */
  public static <T> T until(String what, Duration timeout, Callable<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        Optional<T> value = probe.call();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
            + (last == null ? "" : " (last error: " + last + ")"));
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      Thread.sleep(INTERVAL.toMillis());
    }
  }

  /** As {@link #until}, for a condition. */
  public static void condition(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
    until(what, timeout, () -> condition.call() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
