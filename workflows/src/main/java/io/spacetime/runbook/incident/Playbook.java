package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateFailure;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One of the runbook's "Common Incidents" as code: its triage readings and severity examples, its
 * Investigation Steps, its Resolution Procedures (scenarios, in the runbook's order) and its
 * Verification Steps as gates. The response ({@link IncidentResponse}) runs them; the decisions
 * (severity, which scenario, verified or not) are pure functions of the {@link Findings}.
 */
abstract class Playbook {

  /** The runbook's "Look for" lists of Incident 1 Step 4, shared by the types that read logs. */
  static final List<LogPattern> CRASH_PATTERNS = List.of(
      new LogPattern("crash", "crash|fatal|panic|core dumped"),
      new LogPattern("out of memory", "out of memory|OutOfMemory|oom"),
      new LogPattern("segmentation fault", "segmentation fault|SIGSEGV"),
      new LogPattern("connection errors", "connection (refused|reset|error|failed)"),
      new LogPattern("port binding failures", "address already in use|bind.*failed|BindException"));

  static final List<LogPattern> ERROR_PATTERNS = List.of(
      new LogPattern("errors", "ERROR"),
      new LogPattern("file not found", "not found|no such file"),
      new LogPattern("resource exhaustion", "exhausted|too many open files|out of memory"),
      new LogPattern("timeouts", "timeout|timed out"),
      new LogPattern("connection failures", "connection (refused|reset|failed)"));

  abstract IncidentType type();

  /**
   * Quick readings the severity is assessed from, when the reporter gave none: by default one
   * error-rate and response-time sample of every affected host's endpoints.
   */
  void triage(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.endpoints(h, f));
  }

  /** The runbook's severity examples applied to the triage readings. */
  abstract SeverityAssessment assess(Findings f, IncidentSettings s);

  /** The type's Investigation Steps, each a step of the run with its evidence. */
  abstract void investigate(IncidentTools t, Findings f);

  /** The type's Resolution Procedures, in the runbook's order. */
  abstract List<Scenario> scenarios();

  /** Every fixed step the type records (investigation and verification), for {@link IncidentSteps}. */
  abstract List<Step> steps();

  /**
   * The type's runbook items it deliberately leaves to people, each with why (a scenario whose fix
   * is a person's decision or outside the engine's reach); none by default.
   */
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of();
  }

  /** The type's runbook items done by a step of another name; none by default. */
  List<StepCatalogue.Covered> covers() {
    return List.of();
  }

  /**
   * The type's Verification Steps as gates, after a fix; throws {@link GateFailure} naming the
   * first item that failed.
   */
  abstract void verify(IncidentTools t, Findings before);

  /** A severity the investigation's evidence calls for beyond the triage's ("escalate to P1 if OOM imminent"). */
  Optional<SeverityAssessment> reassess(Findings f, IncidentSettings s) {
    return Optional.empty();
  }

  // --- shared building blocks

  /**
   * Runs {@code body} as step {@code step}, on every affected host in turn, and closes it: passed
   * when every reading answered, failed (naming the hosts and why) when any could not be read, so
   * the report never calls a step "read" on a host it could not reach.
   */
  static void onEachHost(IncidentTools t, Step step, Consumer<Host> body) {
    Procedure p = t.procedure;
    t.unreadSince();
    p.begin(step, "");
    t.hosts.forEach(body);
    List<String> unread = t.unreadSince();
    if (unread.isEmpty()) {
      p.pass("read on " + t.hosts.size() + " host" + (t.hosts.size() == 1 ? "" : "s"));
    } else {
      p.failCurrent("NOT read: " + String.join("; ", unread));
    }
  }

  /**
   * "Monitor for 5-10 minutes": {@code reading} again every {@code watchIntervalSeconds} for
   * {@code watchSeconds}; the first failing reading fails the watch.
   */
  static GateResult watch(IncidentTools t, String gate, Function<Findings, GateResult> reading) {
    IncidentSettings s = t.settings();
    int rounds = Math.max(1, s.watchSeconds() / Math.max(1, s.watchIntervalSeconds()));
    GateResult last = GateResult.pass(gate, "not watched");
    for (int round = 1; round <= rounds; round++) {
      Workflow.sleep(Duration.ofSeconds(s.watchIntervalSeconds()));
      last = reading.apply(t.findings());
      if (!last.passed()) {
        return GateResult.fail(gate, last.reason() + " (watch round " + round + " of " + rounds + ")");
      }
    }
    return GateResult.pass(gate, last.reason() + " throughout " + s.watchSeconds() + " s (" + rounds + " readings)");
  }

  /** Every host answers /status 200 with overall_ready true. */
  static GateResult serviceResponds(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.status(h, f));
    List<String> notReady = f.hostsNotReady();
    return notReady.isEmpty()
        ? GateResult.pass("service responds", "GET /status → 200, overall_ready true on " + t.hosts.size() + " hosts")
        : GateResult.fail("service responds", "not ready: " + String.join(", ", notReady));
  }

  /** The error rate of an endpoint sample on every host is below {@code maxPercent}. */
  static GateResult errorRateBelow(IncidentTools t, Findings f, double maxPercent) {
    t.hosts.forEach(h -> t.endpoints(h, f));
    double rate = f.errorRatePercent();
    String measured = String.format("error rate %.1f %% over %d requests", rate, f.requests());
    return rate < maxPercent || (rate == 0 && maxPercent == 0)
        ? GateResult.pass("error rate", measured + " < " + maxPercent + " %")
        : GateResult.fail("error rate", measured + ", expected < " + maxPercent + " %");
  }

  /** No line containing {@code text} was written to the service log since the fix began, on any host. */
  static GateResult noNewLogLines(IncidentTools t, Findings f, String text, int atMost) {
    int total = 0;
    for (Host h : t.hosts) {
      var scan = t.logSinceFix(h, f, text);
      total += scan == null ? 0 : scan.matches();
    }
    return total <= atMost
        ? GateResult.pass("logs", total + " new \"" + text + "\" lines since the fix (at most " + atMost + ")")
        : GateResult.fail("logs", total + " new \"" + text + "\" lines since the fix, at most " + atMost + " accepted");
  }

  /** The restart every "restart service" scenario ends with, on the hosts that need it. */
  static boolean restartAll(IncidentTools t, List<Host> hosts, String why) {
    boolean all = true;
    for (Host h : hosts) {
      all &= t.restart(h, why);
    }
    return all;
  }

  /** A deployment moved a host's production link within {@code incident.recentDeploymentHours}. */
  static boolean recentDeployment(Findings f, IncidentSettings s, long now) {
    long since = now - Duration.ofHours(s.recentDeploymentHours()).toMillis();
    return f.releases.values().stream().flatMap(r -> r.history().stream())
        .anyMatch(e -> e.kind() == io.spacetime.runbook.ports.hosts.ReleaseEvent.Kind.DEPLOY && parsedAfter(e.time(), since));
  }

  private static boolean parsedAfter(String isoTime, long since) {
    try {
      return java.time.Instant.parse(isoTime).toEpochMilli() >= since;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** The "Code Bug" scenario: with a person's approval, the Emergency Rollback of the last deployment. */
  static Scenario rollbackScenario(String id, String title) {
    return new Scenario(id, title, f -> !f.releases.isEmpty(), (t, f) -> {
      if (!recentDeployment(f, t.settings(), Workflow.currentTimeMillis())) {
        t.incident.record(TimelineEvent.Kind.INVESTIGATION, "engine", id + " not applicable: no deployment in the last "
            + t.settings().recentDeploymentHours() + " h (release history)", java.util.Map.of());
        return false;
      }
      String current = f.releases.values().stream().map(r -> r.currentVersion()).filter(v -> !v.isEmpty()).findFirst().orElse("?");
      boolean approved = t.approved("rollback@" + t.env.name(),
          "Emergency Rollback of " + t.env.name() + " (serving " + current + ", deployed recently)", "",
          java.util.Map.of("serving", current, "error rate", String.format("%.1f %%", f.errorRatePercent())));
      return approved && t.rollBackLastDeployment(t.incident.request.summary());
    });
  }
}
