package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.probes.EndpointSample;
import java.util.List;

/** Incident 2: High Error Rate (P1 if > 5 %, P2 if 1-5 %; all endpoints 500: P0). */
final class HighErrorRate extends Playbook {

  static final Step ENDPOINTS = new Step("Step 1", "Identify Failing Endpoints");
  static final Step MESSAGES = new Step("Step 2", "Analyze Error Messages");
  static final Step RESOURCES = new Step("Step 3", "Check Resource Usage");
  static final Step DEPENDENCIES = new Step("Step 4", "Check Dependencies");
  static final Step VERIFY = new Step("Verification", "Incident 2 Verification Steps", List.of(
      "1. Error rate decreased", "2. Previously failing endpoint works", "3. No new errors in logs",
      "4. Resource usage normal", "5. Monitor for 15 minutes"));

  @Override
  IncidentType type() {
    return IncidentType.HIGH_ERROR_RATE;
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    return byErrorRate(f, s);
  }

  static SeverityAssessment byErrorRate(Findings f, IncidentSettings s) {
    double rate = f.errorRatePercent();
    String measured = String.format("error rate %.1f %% over %d requests", rate, f.requests());
    if (f.requests() > 0 && rate >= 99.9) {
      return new SeverityAssessment(Severity.P0, measured + ": all endpoints failing (runbook P0: all API endpoints returning 500)");
    }
    if (rate > s.errorRateP1Percent()) {
      return new SeverityAssessment(Severity.P1, measured + " > " + s.errorRateP1Percent() + " % (runbook P1)");
    }
    if (rate >= s.errorRateP2Percent()) {
      return new SeverityAssessment(Severity.P2, measured + ", " + s.errorRateP2Percent() + "-" + s.errorRateP1Percent()
          + " % (runbook P2)");
    }
    return new SeverityAssessment(Severity.P3, measured + " < " + s.errorRateP2Percent() + " %: minor (runbook P3)");
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, ENDPOINTS, h -> t.endpoints(h, f));
    onEachHost(t, MESSAGES, h -> t.logs(h, f, ERROR_PATTERNS));
    onEachHost(t, RESOURCES, h -> t.usage(h, f));
    onEachHost(t, DEPENDENCIES, h -> {
      t.status(h, f);
      t.scenes(h, f);
      t.release(h, f);
    });
  }

  @Override
  List<Scenario> scenarios() {
    return List.of(
        new Scenario("Scenario A", "Scene File Issues", f -> !f.hostsWithSceneProblems().isEmpty(),
            SceneLoadFailures::repairScenes),
        new Scenario("Scenario B", "Resource Exhaustion: restart service", f -> f.errorRatePercent() > 0,
            (t, f) -> restartAll(t, t.hosts, "Incident 2 Scenario B: restart to clear memory and CPU")),
        new Scenario("Scenario C", "Dependency Failure: restart DAP/LSP connection", f -> !f.hostsWithAdaptersDown().isEmpty(),
            (t, f) -> t.hostsNamed(f.hostsWithAdaptersDown()).stream().map(t::reconnect).reduce(false, Boolean::logicalOr)),
        rollbackScenario("Scenario D", "Code Bug: roll back the recent deployment"));
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    t.hosts.forEach(h -> t.service(h, now));
    IncidentSettings s = t.settings();
    p.check(VERIFY.item("1."), watch(t, "error rate", f -> errorRateBelow(t, f, s.errorRateResolvedPercent())));
    String failing = before.topFailingEndpoint();
    if (failing.isEmpty()) {
      p.notChecked(VERIFY.item("2."), "no endpoint was failing when investigated");
    } else {
      Findings after = t.findings();
      t.hosts.forEach(h -> t.endpoints(h, after));
      int errors = after.allSamples().stream().filter(e -> e.name().equals(failing))
          .mapToInt(e -> e.serverErrors() + e.noAnswer()).sum();
      int requests = after.allSamples().stream().filter(e -> e.name().equals(failing)).mapToInt(EndpointSample::requests).sum();
      p.check(VERIFY.item("2."), errors == 0
          ? GateResult.pass("failing endpoint", failing + " answered " + requests + " requests without 5xx")
          : GateResult.fail("failing endpoint", failing + " still fails: " + errors + " of " + requests));
    }
    p.check(VERIFY.item("3."), noNewLogLines(t, now, "ERROR", s.maxLogErrors()));
    p.check(VERIFY.item("4."), resourcesNormal(t, now));
    p.elsewhere(VERIFY.item("5."), "item 1 watched the error rate for incident.watchSeconds (" + s.watchSeconds() + " s)");
    p.pass("");
  }

  /** "CPU < 50%, memory stable" with the environment's Step 8 thresholds. */
  static GateResult resourcesNormal(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.usage(h, f));
    double maxCpu = t.env.thresholds().maxServiceCpuPercent();
    double maxGb = t.env.thresholds().maxServiceMemoryGb();
    List<String> high = f.usage.values().stream()
        .filter(u -> u.cpuPercent() >= maxCpu || u.residentBytes() / 1e9 >= maxGb)
        .map(u -> u.host() + " (CPU " + String.format("%.0f", u.cpuPercent()) + " %, " + u.residentBytes() / 1_000_000 + " MB)")
        .toList();
    return high.isEmpty()
        ? GateResult.pass("resources", "CPU < " + maxCpu + " % and memory < " + maxGb + " GB on every host")
        : GateResult.fail("resources", "high usage: " + String.join(", ", high));
  }

  @Override
  List<Step> steps() {
    return List.of(ENDPOINTS, MESSAGES, RESOURCES, DEPENDENCIES, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario E: External Service Failure",
            "no external dependency is configured for the engine to check or restart"));
  }
}
