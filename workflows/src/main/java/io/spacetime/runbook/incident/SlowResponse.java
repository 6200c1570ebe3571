package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import java.util.List;

/** Incident 3: Slow Response Times (P1 if > 1 s, P2 if > 300 ms). */
final class SlowResponse extends Playbook {

  static final Step ENDPOINTS = new Step("Step 1", "Identify Slow Endpoints");
  static final Step RESOURCES = new Step("Step 2", "Check System Resources");
  static final Step NETWORK = new Step("Step 3", "Check Network Latency");
  static final Step GODOT = new Step("Step 4", "Analyze Godot Performance");
  static final Step VERIFY = new Step("Verification", "Incident 3 Verification Steps", List.of(
      "1. Response times improved", "2. P95 back to normal", "3. Resource usage normal", "4. FPS stable at 90",
      "5. No timeout errors"));

  @Override
  IncidentType type() {
    return IncidentType.SLOW_RESPONSE;
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    double average = f.averageMs();
    String measured = "average response " + Measures.ms(average) + " over " + f.requests() + " requests";
    if (average > s.responseP1Ms()) {
      return new SeverityAssessment(Severity.P1, measured + " > " + Measures.ms(s.responseP1Ms()) + " (runbook P1)");
    }
    if (average > s.responseP2Ms()) {
      return new SeverityAssessment(Severity.P2, measured + " > " + Measures.ms(s.responseP2Ms()) + " (runbook P2)");
    }
    return new SeverityAssessment(Severity.P3, measured + ": minor performance issue (runbook P3)");
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, ENDPOINTS, h -> t.endpoints(h, f));
    onEachHost(t, RESOURCES, h -> t.usage(h, f));
    onEachHost(t, NETWORK, h -> t.status(h, f));
    t.procedure.begin(GODOT, "");
    t.procedure.skipCurrent("not checked: the frame rate (telemetry fps events) is not read by this engine");
  }

  @Override
  List<Scenario> scenarios() {
    return List.of(
        new Scenario("Scenario A", "High CPU Usage: restart to clear a temporary issue (Option 1)",
            f -> highCpu(f) || slow(f),
            (t, f) -> restartAll(t, t.hosts, "Incident 3 Scenario A Option 1")),
        new Scenario("Scenario B", "Memory Pressure: restart service",
            f -> f.usage.values().stream().anyMatch(u -> u.residentBytes() > 0 && u.residentBytes() / 1e9 > 0.9 * f.maxServiceMemoryGb),
            (t, f) -> restartAll(t, t.hosts, "Incident 3 Scenario B")),
        rollbackScenario("Scenario E", "Inefficient Code: roll back the recent deployment"));
  }

  private static boolean highCpu(Findings f) {
    return f.usage.values().stream().mapToDouble(ServiceUsage::cpuPercent).anyMatch(c -> c > 80);
  }

  private static boolean slow(Findings f) {
    return f.averageMs() >= f.settings.responseResolvedAverageMs() || f.p95Ms() >= f.settings.responseResolvedP95Ms();
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    t.hosts.forEach(h -> t.service(h, now));
    IncidentSettings s = t.settings();
    Findings[] last = {now};
    p.check(VERIFY.item("1."), watch(t, "response times", f -> {
      t.hosts.forEach(h -> t.endpoints(h, f));
      last[0] = f;
      return f.averageMs() < s.responseResolvedAverageMs()
          ? GateResult.pass("response times", "average " + Measures.ms(f.averageMs()) + " < " + Measures.ms(s.responseResolvedAverageMs()))
          : GateResult.fail("response times", "average " + Measures.ms(f.averageMs()) + ", expected < "
              + Measures.ms(s.responseResolvedAverageMs()));
    }));
    double p95 = last[0].p95Ms();
    p.check(VERIFY.item("2."), p95 < s.responseResolvedP95Ms()
        ? GateResult.pass("p95", "95th percentile " + Measures.ms(p95) + " < " + Measures.ms(s.responseResolvedP95Ms()))
        : GateResult.fail("p95", "95th percentile " + Measures.ms(p95) + ", expected < " + Measures.ms(s.responseResolvedP95Ms())));
    p.check(VERIFY.item("3."), HighErrorRate.resourcesNormal(t, now));
    p.notChecked(VERIFY.item("4."), "the frame rate (telemetry fps events) is not read by this engine");
    p.check(VERIFY.item("5."), noNewLogLines(t, now, "timeout", 0));
    p.pass("");
  }

  @Override
  List<Step> steps() {
    return List.of(ENDPOINTS, RESOURCES, NETWORK, GODOT, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario C: Disk I/O Bottleneck",
            "its options (log levels, caching, faster storage) are changes for people"),
        StepCatalogue.notChecked("Scenario D: Network Latency",
            "network paths, pools and timeouts are changed by people"));
  }
}
