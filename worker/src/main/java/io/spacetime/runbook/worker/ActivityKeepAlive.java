package io.spacetime.runbook.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats every running activity that has a heartbeat timeout, a third of that timeout apart,
 * for as long as this worker runs it. Every runbook activity has one
 * ({@code RunbookActivityOptions}): that is how the server notices within seconds that a worker
 * died mid-activity and retries the activity on another worker, instead of waiting out the whole
 * start-to-close timeout (minutes). Activities that heartbeat themselves keep doing so (their
 * details are re-sent, not replaced); the ones that do not (a quick SSH check) no longer need to.
 *
 * <p>Register it through {@code RunbookWorkerOptions.factoryOptions(keepAlive)}, the one way our
 * worker factories are built.
 *
 * <p>It proves only that the worker process lives, which is what the heartbeat timeout is for here;
 * an activity stuck inside a live worker still ends at its start-to-close timeout.
 */
public final class ActivityKeepAlive extends WorkerInterceptorBase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityKeepAlive.class);
  private static final long MIN_PERIOD_MILLIS = 200;

  private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "activity-keep-alive");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new KeepAlive(next);
  }

  @Override
  public void close() {
    beats.shutdownNow();
  }

  private final class KeepAlive extends ActivityInboundCallsInterceptorBase {

    private Remembering context;

    KeepAlive(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = new Remembering(context);
      super.init(this.context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      Duration timeout = context.getInfo().getHeartbeatTimeout();
      if (timeout == null || timeout.isZero() || timeout.isNegative() || context.getInfo().isLocal()) {
        return super.execute(input);
      }
      long period = Math.max(MIN_PERIOD_MILLIS, timeout.toMillis() / 3);
      ScheduledFuture<?> beat = beats.scheduleAtFixedRate(context::beat, period, period, TimeUnit.MILLISECONDS);
      try {
        return super.execute(input);
      } finally {
        beat.cancel(false);
      }
    }
  }

  /** The activity's context, remembering the details of its own last heartbeat so the keep-alive re-sends them. */
  private static final class Remembering extends ActivityExecutionContextBase {

    private volatile Object lastDetails;

    Remembering(ActivityExecutionContext context) {
      super(context);
    }

    /**
     * Once the worker shuts down (SIGTERM), the SDK answers every heartbeat with
     * {@link io.temporal.client.ActivityWorkerShutdownException}, which would fail the running attempt and
     * have it redone elsewhere from the start (a 5-minute load test, a backup). The worker's shutdown is
     * meant to let running activities finish within its grace: the activity goes on, its result is still
     * reported, and {@link RunbookWorker#shutdown} interrupts it only when the grace is over. Cancellation
     * and timeouts still reach the activity as before.
     */
    @Override
    public <V> void heartbeat(V details) throws ActivityCompletionException {
      lastDetails = details;
      try {
        super.heartbeat(details);
      } catch (io.temporal.client.ActivityWorkerShutdownException shuttingDown) {
        if (!toldOfShutdown) {
          toldOfShutdown = true;
          log.info("worker shutting down: activity {} finishes first", getInfo().getActivityType());
        }
      }
    }

    private volatile boolean toldOfShutdown;

    /** Never throws: a cancelled or timed-out activity learns it from its own heartbeat or its result. */
    void beat() {
      try {
        super.heartbeat(lastDetails);
      } catch (ActivityCompletionException | IllegalStateException stopped) {
        // Cancelled, timed out, worker shutting down, or completed meanwhile: nothing to keep alive.
      } catch (RuntimeException e) {
        log.warn("keep-alive heartbeat of activity {} failed: {}", getInfo().getActivityId(), e.toString());
      }
    }
  }
}
