package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.WATCH_WINDOW;

import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.SummarisedWait;
import io.spacetime.runbook.deployment.RollbackTrigger.Level;
import io.spacetime.runbook.deployment.RollbackTrigger.Signal;
import io.spacetime.runbook.deployment.RollbackTrigger.Verdict;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.spacetime.runbook.ports.metrics.MetricsActivities;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.probes.EndpointCheck;
import io.spacetime.runbook.ports.probes.EndpointSample;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.service.EvidenceOf;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RUNBOOK_DEPLOYMENT.md "Post-Deployment Validation: Immediate Validation (0-30 minutes)" with its
 * "When to Rollback": after Step 10, a sample of error rate and p95 every {@code watch.intervalSeconds}
 * for the window (from Prometheus when {@code watch.prometheusUrl} is set, else from every host's
 * {@code /status} and {@code /scene/load}). A sample over the "Immediate Rollback Required" line
 * fails the step, so the deployment's own compensation puts every host back on its previous release;
 * one over the "Consider Rollback" line tells the team and waits for the {@code decideRollback}
 * update, rolling back when none comes in time.
 *
 * <p>Only workflow timers and activities: a worker restart during the window resumes it where it
 * was. While a decision is pending the samples go on, so a release that gets worse still rolls back
 * by itself. After "keep" the window goes on watching, and only the automatic line stops it.
 */
final class WatchWindow {

  private static final long NO_MORE_SAMPLES = Long.MAX_VALUE;
  static final String WAITING_FOR_DECISION = "a rollback decision (decideRollback update: rollback or keep)";

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;
  private final WatchSettings settings;
  private final AwaitedDecision<RollbackDecision> decisions;
  private final List<WatchSample> samples = new ArrayList<>();
  private Verdict question;
  private long questionDeadline;
  private Verdict kept;
  private RollbackDecision keptBy;
  private long closes;

  WatchWindow(Deployment deployment, AwaitedDecision<RollbackDecision> decisions) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
    this.settings = env.watch();
    this.decisions = decisions;
  }

  /** The window a run with {@code request} watches in {@code env}: zero when it is off. */
  static Duration length(DeploymentRequest request, Environment env) {
    return WatchDuration.resolve(request.watch(), Duration.ofMinutes(env.watch().windowMinutes()));
  }

  void run() {
    Duration window = d.watchWindow();
    if (window.isZero()) {
      procedure.skip(WATCH_WINDOW, "", WatchDuration.OFF.equals(d.request().watch())
          ? "watch: off in the request: the release is not watched after Step 10"
          : "watch.windowMinutes is 0 for this environment: the release is not watched after Step 10");
      return;
    }
    procedure.begin(WATCH_WINDOW, "");
    procedure.notChecked(WATCH_WINDOW.item("CPU and memory stable"), "the window samples error rate and p95 only"
        + " (Step 8 measured CPU and memory on each host)");
    procedure.notChecked(WATCH_WINDOW.item("No alerts triggered"), "alerts go to the incident intake, not to this run");
    procedure.notChecked(WATCH_WINDOW.item("WebSocket connections stable"), "the window does not watch telemetry"
        + " (Step 6 checked it on each host)");
    long opened = Workflow.currentTimeMillis();
    closes = opened + window.toMillis();
    Duration interval = Duration.ofSeconds(settings.intervalSeconds());
    try {
      while (true) {
        judge(sample(samples.size() + 1, opened));
        long now = Workflow.currentTimeMillis();
        if (closes <= now && question == null) {
          break;
        }
        long nextSampleAt = closes > now ? now + Math.min(interval.toMillis(), closes - now) : NO_MORE_SAMPLES;
        showWaiting();
        if (!awaitNextSample(nextSampleAt)) {
          break;
        }
      }
    } finally {
      decisions.close();
      procedure.waitingFor("");
    }
    conclude(window);
  }

  /**
   * Waits until {@code nextSampleAt}, hearing a pending decision meanwhile: "rollback" and a
   * decision's timeout fail the step, "keep" goes on waiting for the sample. Returns false when the
   * window is over and nothing is pending any more.
   */
  private boolean awaitNextSample(long nextSampleAt) {
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (question == null) {
        if (nextSampleAt == NO_MORE_SAMPLES) {
          return false;
        }
        if (nextSampleAt > now) {
          Workflow.newTimer(Duration.ofMillis(nextSampleAt - now), TimerOptions.newBuilder()
              .setSummary("Watch window: next sample").build()).get();
        }
        return true;
      }
      long until = Math.min(nextSampleAt, questionDeadline);
      SummarisedWait.await(Duration.ofMillis(Math.max(0, until - now)),
          "Watch window: waiting for a rollback decision (decideRollback)", decisions::decided);
      if (decisions.decided()) {
        decide(decisions.close().orElseThrow());
        showWaiting();
        continue;
      }
      if (Workflow.currentTimeMillis() >= questionDeadline) {
        decisions.close();
        fail(question.signal(), "no rollback decision within " + settings.decisionTimeoutMinutes() + " min on "
            + question.reason() + "; without a decision the watch window rolls back");
      }
      return true;
    }
  }

  /** One sample now: Prometheus's two queries, or every host's endpoints in one activity. */
  private WatchSample sample(int number, long opened) {
    long now = Workflow.currentTimeMillis();
    String at = Instant.ofEpochMilli(now).toString();
    long secondsIn = (now - opened) / 1000;
    String source = settings.fromPrometheus() ? "Prometheus" : "endpoints";
    WatchSample sample;
    try {
      sample = new WatchSample(number, at, secondsIn, source,
          settings.fromPrometheus() ? fromPrometheus() : fromEndpoints(), "");
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      // A monitoring outage is not a bad release: the sample is recorded as missing and the window goes on.
      sample = new WatchSample(number, at, secondsIn, source, List.of(), "not sampled: " + Failures.describe(e));
    }
    samples.add(sample);
    procedure.evidence(sample.evidence());
    return sample;
  }

  private List<WatchSample.Reading> fromPrometheus() {
    MetricsActivities prometheus = d.stubs().quick(MetricsActivities.class);
    MetricReading errors = prometheus.instantQuery(settings.prometheusUrl(), settings.errorRateQuery());
    MetricReading p95 = prometheus.instantQuery(settings.prometheusUrl(), settings.p95Query());
    // No series, or NaN (0/0: nothing was requested in the query's range): no rate to judge.
    boolean traffic = errors.found() && !Double.isNaN(errors.value());
    double p95Ms = p95.found() && !Double.isNaN(p95.value()) ? p95.value() * 1000 : 0;
    return List.of(new WatchSample.Reading("all hosts", traffic ? errors.value() * 100 : 0, p95Ms, 0, traffic));
  }

  private List<WatchSample.Reading> fromEndpoints() {
    List<EndpointCheck> checks = new ArrayList<>();
    String body = "{\"scene_path\": \"" + env.smokeTest().scenePath() + "\"}";
    for (Host host : d.hosts()) {
      checks.add(EndpointCheck.get(host.name() + " /status", env.statusUrl(host)));
      checks.add(EndpointCheck.post(host.name() + " /scene/load", env.apiBaseUrl(host) + "/scene/load", body));
    }
    int rounds = settings.requestsPerEndpoint();
    List<EndpointSample> answers = d.stubs().command(ProbeActivities.class, rounds * checks.size() * 10)
        .sampleEndpoints(checks, rounds, "");
    Map<String, List<EndpointSample>> byHost = new LinkedHashMap<>();
    for (EndpointSample a : answers) {
      byHost.computeIfAbsent(a.name().substring(0, a.name().indexOf(' ')), h -> new ArrayList<>()).add(a);
    }
    List<WatchSample.Reading> readings = new ArrayList<>();
    byHost.forEach((host, list) -> {
      long requests = list.stream().mapToLong(EndpointSample::requests).sum();
      long failed = list.stream().mapToLong(s -> s.serverErrors() + s.noAnswer()).sum();
      // The slowest endpoint's p95: a host's p95 cannot be merged from its endpoints' p95s, and the
      // runbook's line is about what a user waits for.
      double p95 = list.stream().mapToDouble(EndpointSample::p95Ms).max().orElse(0);
      readings.add(new WatchSample.Reading(host, requests == 0 ? 0 : 100.0 * failed / requests, p95, requests,
          requests > 0));
    });
    return readings;
  }

  private void judge(WatchSample sample) {
    Verdict v = RollbackTrigger.judge(sample, settings);
    if (v.level() == Level.ROLLBACK) {
      fail(v.signal(), "the watch window triggered the rollback: " + v.reason());
    }
    if (v.level() == Level.CONSIDER && question == null && kept == null) {
      ask(v);
    }
  }

  /** "Consider Rollback": open the question first, so a person who answers the notice at once is heard. */
  private void ask(Verdict v) {
    question = v;
    questionDeadline = Workflow.currentTimeMillis() + Duration.ofMinutes(settings.decisionTimeoutMinutes()).toMillis();
    decisions.open();
    showWaiting();
    procedure.evidence(d.team().sendBestEffort(Notice.WARNING, d.title() + ": consider rollback", v.reason()
        + "\nDecide with the decideRollback update ({\"decision\":\"rollback\" or \"keep\",\"approver\":...,"
        + "\"reason\":...}) within " + settings.decisionTimeoutMinutes() + " minutes; without a decision the"
        + " release is rolled back.").evidence());
  }

  private void decide(RollbackDecision decision) {
    procedure.evidence(EvidenceOf.note("", "decideRollback", decision.decision(), Map.of(
        "approver", decision.approver(), "reason", decision.reason(), "on", question.sample().label())));
    if (decision.rollsBack()) {
      fail(question.signal(), "rollback decided by " + decision.approver() + " (" + decision.reason() + ") on "
          + question.reason());
    }
    kept = question;
    keptBy = decision;
    question = null;
  }

  private void fail(Signal signal, String reason) {
    procedure.check(item(signal), GateResult.fail("watch window", reason));
  }

  private static String item(Signal signal) {
    return WATCH_WINDOW.item(signal == Signal.P95 ? "Response times within SLA" : "No increase in error rates");
  }

  /** The current details while the window runs: samples so far, the last one, time left, a pending question. */
  private void showWaiting() {
    long left = Math.max(0, closes - Workflow.currentTimeMillis()) / 1000;
    WatchSample last = samples.get(samples.size() - 1);
    String lastSeen = last.problem().isEmpty()
        ? String.join("; ", last.readings().stream().map(WatchSample.Reading::describe).toList())
        : last.problem();
    String watching = "watch window: " + samples.size() + (samples.size() == 1 ? " sample" : " samples") + " so far,"
        + " last " + lastSeen + "; " + seconds(left) + " left";
    if (question == null) {
      procedure.waitingFor(watching);
    } else {
      long decideIn = Math.max(0, questionDeadline - Workflow.currentTimeMillis()) / 1000;
      procedure.waitingFor(WAITING_FOR_DECISION + " on " + question.reason() + "; rolls back in " + seconds(decideIn)
          + " without one (" + watching + ")");
    }
  }

  /** Each signal's item: the highest reading of the window against the "Consider Rollback" line. */
  private void conclude(Duration window) {
    List<WatchSample.Reading> judged = samples.stream().flatMap(s -> s.readings().stream())
        .filter(WatchSample.Reading::traffic).toList();
    String over = samples.size() + " samples over " + seconds(window.toSeconds());
    for (Signal signal : Signal.values()) {
      String item = item(signal);
      if (kept != null && kept.signal() == signal) {
        procedure.observed(item, GateResult.fail("watch window", kept.reason() + "; kept by " + keptBy.approver()
            + ": " + keptBy.reason()));
        continue;
      }
      Optional<WatchSample.Reading> highest = judged.stream().max((a, b) -> Double.compare(value(a, signal), value(b, signal)));
      if (highest.isEmpty()) {
        procedure.notChecked(item, over + ", none with traffic to judge");
        continue;
      }
      double limit = signal == Signal.P95 ? settings.considerP95Ms() : settings.considerErrorRatePercent();
      procedure.check(item, GateResult.pass("watch window", String.format(Locale.ROOT,
          "%s: highest %s %s on %s, within the %s of \"Consider Rollback\"", over,
          signal == Signal.P95 ? "p95" : "error rate", format(value(highest.get(), signal), signal),
          highest.get().where(), format(limit, signal))));
    }
    procedure.pass(over + ": no sample reached \"Immediate Rollback Required\""
        + (kept == null ? "" : "; \"Consider Rollback\" kept by " + keptBy.approver()));
  }

  private static double value(WatchSample.Reading r, Signal signal) {
    return signal == Signal.P95 ? r.p95Ms() : r.errorRatePercent();
  }

  private static String format(double value, Signal signal) {
    return signal == Signal.P95 ? String.format(Locale.ROOT, "%.0f ms", value) : String.format(Locale.ROOT, "%.1f %%", value);
  }

  private static String seconds(long s) {
    return s >= 120 && s % 60 == 0 ? s / 60 + " min" : s >= 120 ? s / 60 + " min " + s % 60 + " s" : s + " s";
  }
}
