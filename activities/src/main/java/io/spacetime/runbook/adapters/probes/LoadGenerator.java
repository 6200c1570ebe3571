package io.spacetime.runbook.adapters.probes;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runbook 4.2's {@code load_test.py} built in: {@code users} virtual users, each sending GETs one
 * after another until the duration is over (or {@link #MAX_REQUESTS} in total), latencies in an
 * HdrHistogram. Errors are non-2xx answers and requests that got no answer. Heartbeats progress, and
 * stops when the activity is cancelled.
 */
final class LoadGenerator {

  /** A hard cap, so a server that fails instantly cannot make the loop spin without bound. */
  static final long MAX_REQUESTS = 2_000_000;
  private static final long HEARTBEAT_SECONDS = 2;

  private final HttpClient http;
  private final Duration requestTimeout;

  LoadGenerator(HttpClient http, Duration requestTimeout) {
    this.http = http;
    this.requestTimeout = requestTimeout;
  }

  LoadTestReport run(URI url, int users, Duration duration) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
    Recorder latenciesMicros = new Recorder(3);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    long deadline = System.nanoTime() + duration.toNanos();

    ExecutorService pool = Executors.newFixedThreadPool(users, virtualUserThreads());
    for (int i = 0; i < users; i++) {
      pool.execute(() -> {
        while (!stop.get() && System.nanoTime() < deadline && requests.get() < MAX_REQUESTS) {
          long started = System.nanoTime();
          try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            latenciesMicros.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
              errors.incrementAndGet();
            }
          } catch (HttpTimeoutException e) {
            // Also a connect timeout (HttpConnectTimeoutException): the runbook's "No connection timeouts".
            errors.incrementAndGet();
            timeouts.incrementAndGet();
          } catch (IOException e) {
            errors.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          requests.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    try {
      while (!pool.awaitTermination(HEARTBEAT_SECONDS, TimeUnit.SECONDS)) {
        ActivityContext.heartbeat("load test: " + requests.get() + " requests, " + errors.get() + " errors so far");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the load test", e);
    } finally {
      // Also reached when a heartbeat reports the activity cancelled: the virtual users stop too.
      stop.set(true);
      pool.shutdownNow();
    }
    return report(url, users, duration, requests.get(), errors.get(), timeouts.get(), latenciesMicros.getIntervalHistogram());
  }

  private static LoadTestReport report(URI url, int users, Duration duration, long total, long errors, long timeouts,
      Histogram micros) {
    boolean any = micros.getTotalCount() > 0;
    return new LoadTestReport(url.toString(), users, (int) duration.toSeconds(), total, errors,
        total == 0 ? 0 : 100.0 * (total - errors) / total,
        any ? micros.getMean() / 1000.0 : 0,
        any ? micros.getValueAtPercentile(95) / 1000.0 : 0,
        any ? micros.getValueAtPercentile(99) / 1000.0 : 0,
        any ? micros.getMaxValue() / 1000.0 : 0,
        timeouts);
  }

  private static java.util.concurrent.ThreadFactory virtualUserThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "load-test-user-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
