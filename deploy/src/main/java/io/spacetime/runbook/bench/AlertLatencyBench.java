package io.spacetime.runbook.bench;

import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.starter.client.IncidentFilter;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.intake.IntakeServer;
import io.spacetime.runbook.starter.intake.IntakeSettings;
import io.spacetime.runbook.starter.intake.IntakeTokens;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bench (d): Alertmanager webhook notifications (version 4 bodies, as Debian's 0.25 sends them) to
 * the HTTP intake, one alert each: from the intake's 200 to the incident's first investigation
 * evidence on a host (its first closed step that read a host), p50 and p95. Then one notification
 * delivered ten times: how many incidents it opened.
 */
final class AlertLatencyBench {

  private static final String TOKEN = "bench-intake-token-0123456789";

  private final WorkflowClient client;
  private final String taskQueue;
  private final String environment;
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AlertLatencyBench(WorkflowClient client, String taskQueue, String environment, PrintWriter out) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.environment = environment;
    this.out = out;
  }

  /** The figures of (d): first host evidence p95, and the incidents one notification delivered 10 times opened. */
  List<BenchFigure> run(int alerts) throws Exception {
    List<BenchFigure> figures = new ArrayList<>();
    RunbookClient runbooks = new RunbookClient(client, taskQueue, Clock.systemUTC());
    try (IntakeServer intake = IntakeServer.start(runbooks, IntakeSettings.newBuilder(IntakeTokens.of(List.of(TOKEN)))
        .setPort(0).setDefaultEnvironment(environment).build(), Clock.systemUTC())) {
      String url = "http://127.0.0.1:" + intake.port() + "/v1/alerts/alertmanager";
      Map<String, Long> acceptedAt = new LinkedHashMap<>();
      for (int i = 0; i < alerts; i++) {
        String fingerprint = String.format("%016x", 0xbe00000000L + i);
        post(url, notification(fingerprint, "2026-12-02T00:00:00Z"));
        acceptedAt.put(IncidentKey.of(environment, "high-error-rate", fingerprint), System.currentTimeMillis());
      }
      List<Long> latencies = new ArrayList<>();
      List<Long> toFirstStep = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (latencies.size() < alerts && System.nanoTime() < deadline) {
        latencies.clear();
        toFirstStep.clear();
        for (Map.Entry<String, Long> e : acceptedAt.entrySet()) {
          firstHostEvidence(runbooks, e.getKey()).ifPresent(at -> {
            latencies.add(Math.max(0, at.evidenceAt() - e.getValue()));
            toFirstStep.add(Math.max(0, at.firstStepAt() - e.getValue()));
          });
        }
        Thread.sleep(500); // a bench polls in real time
      }
      Collections.sort(latencies);
      Collections.sort(toFirstStep);
      String name = alerts + " alerts -> first host evidence p95";
      figures.add(latencies.isEmpty()
          ? BenchFigure.notMeasured("d", name, BenchFigure.Unit.MILLISECONDS, BenchFigure.Goal.atMost(500),
              "no incident recorded host evidence within 3 minutes")
          : new BenchFigure("d", name, (double) Percentiles.of(latencies, 95), BenchFigure.Unit.MILLISECONDS,
              BenchFigure.Goal.atMost(500), String.format(java.util.Locale.ROOT, "Alertmanager notifications to the"
                  + " intake: p50 %d ms, p95 %d ms (%d of %d measured); of which accepted -> the run's first step began:"
                  + " p50 %d ms, p95 %d ms; the slowest one's steps are on stderr", Percentiles.of(latencies, 50),
                  Percentiles.of(latencies, 95), latencies.size(), alerts, Percentiles.of(toFirstStep, 50),
                  Percentiles.of(toFirstStep, 95))));
      slowest(runbooks, acceptedAt);
      String duplicate = notification("00000000bebebebe", "2026-12-02T00:00:00Z");
      for (int i = 0; i < 10; i++) {
        post(url, duplicate);
      }
      long matching = runbooks.openIncidents(IncidentFilter.ALL).incidents().stream()
          .filter(s -> s.key().endsWith("00000000bebebebe")).count();
      figures.add(new BenchFigure("d", "one notification x 10 -> incidents", (double) matching, BenchFigure.Unit.COUNT,
          BenchFigure.Goal.exactly(1), ""));
      for (String key : acceptedAt.keySet()) {
        client.newUntypedWorkflowStub(key).terminate("bench done");
      }
      client.newUntypedWorkflowStub(IncidentKey.of(environment, "high-error-rate", "00000000bebebebe")).terminate("bench done");
    }
    return figures;
  }

  /** The slowest incident's steps up to its first host evidence, relative to its acceptance: where the time went. */
  private void slowest(RunbookClient runbooks, Map<String, Long> acceptedAt) {
    String worst = null;
    long worstMs = -1;
    for (Map.Entry<String, Long> e : acceptedAt.entrySet()) {
      Optional<FirstEvidence> at = firstHostEvidence(runbooks, e.getKey());
      if (at.isPresent() && at.get().evidenceAt() - e.getValue() > worstMs) {
        worstMs = at.get().evidenceAt() - e.getValue();
        worst = e.getKey();
      }
    }
    if (worst == null) {
      return;
    }
    long accepted = acceptedAt.get(worst);
    StringBuilder steps = new StringBuilder();
    for (StepResult s : runbooks.progress(worst).steps()) {
      steps.append(String.format("%n      %s %s: %d..%d ms", s.id(), s.title(), s.startedAt() - accepted, s.finishedAt() - accepted));
      s.evidence().forEach(e -> steps.append(String.format("%n        %s %s: %d ms in the activity; %s", e.host(), e.action(),
          e.durationMs(), e.observed())));
      if (!s.host().isEmpty() || s.evidence().stream().anyMatch(e -> !e.host().isEmpty())) {
        break;
      }
    }
    out.printf("bench: (d) slowest, %s (%d ms):%s%n", worst, worstMs, steps);
  }

  private void post(String url, String body) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("the intake answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  /**
   * When the incident's first step began and when its first step with evidence read on a host
   * closed, in epoch ms.
   */
  private record FirstEvidence(long firstStepAt, long evidenceAt) {}

  private static Optional<FirstEvidence> firstHostEvidence(RunbookClient runbooks, String key) {
    try {
      Progress progress = runbooks.progress(key);
      if (progress.steps().isEmpty()) {
        return Optional.empty();
      }
      long began = progress.steps().get(0).startedAt();
      return progress.steps().stream().filter(s -> !s.host().isEmpty() || s.evidence().stream().anyMatch(e -> !e.host().isEmpty()))
          .map(StepResult::finishedAt).findFirst().map(closed -> new FirstEvidence(began, closed));
    } catch (RuntimeException notYet) {
      return Optional.empty();
    }
  }

  private String notification(String fingerprint, String startsAt) {
    return """
        {"version":"4","groupKey":"{}:{alertname=\\"SpaceTimeHighErrorRate\\"}","truncatedAlerts":0,"status":"firing",
         "receiver":"runbook","groupLabels":{"alertname":"SpaceTimeHighErrorRate"},
         "commonLabels":{"alertname":"SpaceTimeHighErrorRate"},"commonAnnotations":{},"externalURL":"http://alertmanager",
         "alerts":[{"status":"firing","labels":{"alertname":"SpaceTimeHighErrorRate","incident_type":"high-error-rate",
           "environment":"ENV","instance":"FP"},"annotations":{"summary":"5xx above 5 %"},
           "startsAt":"STARTS","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus","fingerprint":"FP"}]}
        """.replace("ENV", environment).replace("FP", fingerprint).replace("STARTS", startsAt);
  }
}
