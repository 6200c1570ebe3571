package io.spacetime.runbook.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.Activity;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point in a run that a test waits for: the first activity call whose journal line starts with
 * {@code call}. A pausing checkpoint holds that activity until the test releases it or the run
 * cancels it, heartbeating meanwhile as a long real activity does, so the test can cancel or
 * signal the run at a known step without sleeping.
 */
public final class Checkpoint {

  private static final long MAX_WAIT_SECONDS = 30;
  private static final long HEARTBEAT_MILLIS = 10;

  final String call;
  private final boolean pauses;
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  Checkpoint(String call, boolean pauses) {
    this.call = call;
    this.pauses = pauses;
  }

  /** Blocks the test until the run has made the call. */
  public void awaitReached() {
    try {
      assertTrue(reached.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS), "the run never called " + call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Lets the paused activity finish. */
  public void release() {
    released.countDown();
  }

  boolean matches(String line) {
    return line.startsWith(call) && reached.getCount() > 0;
  }

  /**
   * Called on the activity's thread. While paused, heartbeats: once the run has asked to cancel
   * the activity, the heartbeat throws and the activity ends as cancelled.
   */
  void arrive() {
    reached.countDown();
    if (!pauses) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
    try {
      while (!released.await(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
        Activity.getExecutionContext().heartbeat(call);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
