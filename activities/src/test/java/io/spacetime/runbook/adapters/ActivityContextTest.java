package io.spacetime.runbook.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.probes.ProbeActivitiesImpl;
import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ActivityContextTest {

  @Test
  void outsideAnActivityThereIsNoContextAndHeartbeatsAreSkipped() {
    assertFalse(ActivityContext.current().isPresent());
    ActivityContext.heartbeat("nobody listens");
  }

  @Test
  void insideAnActivityAWaitingProbeHeartbeatsItsAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (HttpTestServer service = HttpTestServer.start()
            .on("/status", request -> calls.incrementAndGet() <= 2
                ? new Response(503, "{\"overall_ready\": false}") : new Response(200, "{\"overall_ready\": true}"))) {
      TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
      List<Object> heartbeats = new CopyOnWriteArrayList<>();
      temporal.setActivityHeartbeatListener(String.class, heartbeats::add);
      temporal.registerActivitiesImplementations(new ProbeActivitiesImpl());
      ProbeActivities probes = temporal.newActivityStub(ProbeActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

      StatusReport report = probes.awaitReady(service.url("/status"), 30);

      assertTrue(report.overallReady());
      assertEquals(3, report.attempts());
      // The SDK throttles heartbeats, so the server may see only the first of them.
      assertEquals("attempt 1: HTTP 503, overall_ready false", heartbeats.get(0));
      temporal.close();
    }
  }
}
