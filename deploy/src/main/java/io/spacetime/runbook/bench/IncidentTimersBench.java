package io.spacetime.runbook.bench;

import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.incident.TimelineEvent;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bench (c): {@code count} open P0 incidents on one worker, each with its live clocks (the
 * 5-minute response target, the 15-minute manager escalation and status update), and how late
 * their 5-minute timers fire: the timeline's escalation time against the planned one, both in
 * workflow time. Also the worker's heap while they are open. The incidents name an environment
 * that does not exist, so each one's response stops at once (people needed) and only the clocks
 * are measured; they are terminated afterwards.
 */
final class IncidentTimersBench {

  private static final Duration RESPONSE_TARGET = Duration.ofMinutes(5);

  private final WorkflowClient client;
  private final String taskQueue;
  private final PrintWriter out;

  IncidentTimersBench(WorkflowClient client, String taskQueue, PrintWriter out) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.out = out;
  }

  /** The figures of (c): timer lateness p99, the worker's heap after GC and at its peak, and how long opening took. */
  List<BenchFigure> run(int count) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Map<String, Long> openedAt = new LinkedHashMap<>();
    long opening = System.nanoTime();
    for (int i = 0; i < count; i++) {
      IncidentRequest request = new IncidentRequest("api-unresponsive", "bench-nowhere", "bench incident " + i, "P0",
          "bench", String.format("bench-%05d", i), Map.of(), List.of());
      openedAt.put(open(request), System.currentTimeMillis());
    }
    double openingSeconds = (System.nanoTime() - opening) / 1e9;
    out.printf("bench: (c) %d P0 incidents opened by signal-with-start in %.1f s; waiting for their 5-minute response"
        + " targets (about 6 minutes)%n", count, openingSeconds);
    out.flush();
    // Each incident is asked once its target has passed (and again only while its escalation is
    // still missing): asking all of them every few seconds would load the server and the worker
    // more than the incidents do.
    Map<String, Long> lateness = new LinkedHashMap<>();
    long peakHeap = 0;
    long deadline = System.currentTimeMillis() + Duration.ofMinutes(7).toMillis();
    while (lateness.size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(5000); // a bench waits in real time: the timers under test are real
      peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
      long now = System.currentTimeMillis();
      for (Map.Entry<String, Long> e : openedAt.entrySet()) {
        if (!lateness.containsKey(e.getKey()) && now >= e.getValue() + RESPONSE_TARGET.toMillis() + 1000) {
          lateness(e.getKey()).ifPresent(late -> lateness.put(e.getKey(), late));
        }
      }
    }
    System.gc();
    long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
    List<Long> sorted = new ArrayList<>(lateness.values());
    Collections.sort(sorted);
    List<BenchFigure> figures = new ArrayList<>();
    figures.add(new BenchFigure("c", count + " incidents opened (signal-with-start)", openingSeconds,
        BenchFigure.Unit.SECONDS, null, ""));
    String lateName = count + " incidents: timer lateness p99";
    figures.add(sorted.isEmpty()
        ? BenchFigure.notMeasured("c", lateName, BenchFigure.Unit.MILLISECONDS, BenchFigure.Goal.below(1000),
            "no response-target escalation fired within 7 minutes: timers are late by more than a minute")
        : new BenchFigure("c", lateName, (double) Percentiles.of(sorted, 99), BenchFigure.Unit.MILLISECONDS,
            BenchFigure.Goal.below(1000), String.format(java.util.Locale.ROOT,
                "fired for %d of %d incidents: p50 %d ms, p99 %d ms, max %d ms", sorted.size(), count,
                Percentiles.of(sorted, 50), Percentiles.of(sorted, 99), sorted.get(sorted.size() - 1))));
    figures.add(new BenchFigure("c", "worker heap after GC", (double) (heapAfterGc >> 20), BenchFigure.Unit.MEGABYTES,
        BenchFigure.Goal.atMost(512), ""));
    figures.add(new BenchFigure("c", "worker heap, peak", (double) (peakHeap >> 20), BenchFigure.Unit.MEGABYTES,
        BenchFigure.Goal.atMost(512), ""));
    for (String key : openedAt.keySet()) {
      client.newUntypedWorkflowStub(key).terminate("bench done");
    }
    return figures;
  }

  private String open(IncidentRequest request) {
    String key = IncidentKey.of(request);
    IncidentWorkflow run = client.newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(key).setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(run::respond, request, null);
    batch.add(run::alert, new AlertOccurrence("firing", request.fingerprint(), "e1", request.summary(), "bench", Map.of(), ""));
    client.signalWithStart(batch);
    return key;
  }

  /**
   * How late the incident's response-target escalation was recorded, in ms of workflow time
   * (planned: 5 minutes after it was detected); empty while it is not recorded yet or the server
   * did not answer (asked again at the next round).
   */
  private Optional<Long> lateness(String key) {
    try {
      List<TimelineEvent> timeline = client.newWorkflowStub(IncidentWorkflow.class, key).timeline();
      long planned = timeline.get(0).at() + RESPONSE_TARGET.toMillis();
      return timeline.stream().filter(e -> e.kind() == TimelineEvent.Kind.ESCALATED && e.text().contains("response target"))
          .findFirst().map(e -> Math.max(0, e.at() - planned));
    } catch (RuntimeException busy) {
      return Optional.empty();
    }
  }
}
