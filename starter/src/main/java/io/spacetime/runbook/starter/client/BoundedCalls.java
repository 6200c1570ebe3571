package io.spacetime.runbook.starter.client;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a query or an update with a deadline. The SDK waits for an update's completion for as long
 * as it takes (it polls again and again while no worker runs), so without a bound a CLI command or
 * an HTTP request would hang; past the deadline the call is interrupted and answered.
 */
final class BoundedCalls {

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "runbook-client-call-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private BoundedCalls() {}

  /** {@code call}'s value, its own exception, or {@link TimeoutException} after {@code limit}. */
  static <T> T within(Duration limit, Supplier<T> call) throws TimeoutException {
    Future<T> future = CALLS.submit(call::get);
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Temporal", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
