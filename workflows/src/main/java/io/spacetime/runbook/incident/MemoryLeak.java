package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incident 6: Memory Leak (P2 gradually degrading; P1 if OOM imminent). */
final class MemoryLeak extends Playbook {

  static final List<LogPattern> ALLOCATION_PATTERNS = List.of(
      new LogPattern("allocations", "new|alloc|instantiate"),
      new LogPattern("deallocations", "free|queue_free|delete"));

  static final Step CONFIRM = new Step("Step 1", "Confirm Memory Leak");
  static final Step SOURCE = new Step("Step 2", "Identify Leak Source");
  static final Step CHANGES = new Step("Step 3", "Review Recent Changes");
  static final Step VERIFY = new Step("Verification", "Incident 6 Verification Steps", List.of(
      "1. Monitor memory over 2 hours", "2. Check for OOM errors", "3. Verify service stability", "4. Monitor for 24-48 hours"));

  @Override
  IncidentType type() {
    return IncidentType.MEMORY_LEAK;
  }

  @Override
  void triage(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.usage(h, f));
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    return new SeverityAssessment(Severity.P2, "memory leak: gradually degrading (runbook P2; P1 once OOM is imminent)");
  }

  @Override
  Optional<SeverityAssessment> reassess(Findings f, IncidentSettings s) {
    return f.outOfMemoryImminent()
        ? Optional.of(new SeverityAssessment(Severity.P1, "OOM imminent: the kernel's OOM killer ran, or the service uses"
            + " over 90 % of the host's memory (runbook: escalate to P1)"))
        : Optional.empty();
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, CONFIRM, h -> t.memory(h, f));
    onEachHost(t, SOURCE, h -> t.logs(h, f, ALLOCATION_PATTERNS));
    onEachHost(t, CHANGES, h -> t.release(h, f));
  }

  @Override
  List<Scenario> scenarios() {
    return List.of(new Scenario("Scenario A", "Immediate Mitigation - Restart Service",
        f -> !f.hostsLeaking(f.settings.memoryGrowthMbPerHour()).isEmpty() || f.outOfMemoryImminent(),
        MemoryLeak::restartAndSchedule));
  }

  /** "Restart to reclaim memory", then, with a person's approval, "implement automatic restart until fix deployed". */
  private static boolean restartAndSchedule(IncidentTools t, Findings f) {
    List<Host> leaking = t.hostsNamed(f.hostsLeaking(t.settings().memoryGrowthMbPerHour()));
    if (leaking.isEmpty()) {
      leaking = t.hosts;
    }
    boolean restarted = restartAll(t, leaking, "Incident 6 Scenario A: reclaim memory");
    int every = t.settings().scheduledRestartEveryHours();
    for (Host h : leaking) {
      MemoryTrend m = f.memory.get(h.name());
      String growth = m == null ? "unknown" : String.format("%.0f MB/hour", Findings.growthMbPerHour(m));
      if (t.approved("scheduled-restart@" + h.name(), "restart the service on " + h.name() + " every " + every
          + " h until the leak is fixed", h.name(), Map.of("growth", growth))) {
        t.mitigate(h, "scheduled restart every " + every + " h",
            a -> a.installScheduledRestart(t.on(h), t.settings().scheduledRestartCommand(), every));
      }
    }
    return restarted;
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    t.hosts.forEach(h -> t.memory(h, now));
    double limit = t.settings().memoryGrowthMbPerHour();
    List<String> leaking = now.hostsLeaking(limit);
    p.check(VERIFY.item("1."), leaking.isEmpty()
        ? GateResult.pass("memory", "stable: growth below " + limit + " MB/hour on every host over "
            + t.settings().memorySamples() + " samples")
        : GateResult.fail("memory", "still growing on " + String.join(", ", leaking)));
    List<String> newOom = new ArrayList<>();
    now.memory.forEach((host, m) -> m.oomLines().stream()
        .filter(line -> before.memory.get(host) == null || !before.memory.get(host).oomLines().contains(line))
        .forEach(line -> newOom.add(host + ": " + line)));
    p.check(VERIFY.item("2."), newOom.isEmpty()
        ? GateResult.pass("OOM", "no new out-of-memory lines in the kernel log")
        : GateResult.fail("OOM", String.join("; ", newOom)));
    List<String> restarted = now.memory.values().stream().filter(m -> m.pids().stream().distinct().count() > 1
        || m.pids().contains(0)).map(MemoryTrend::host).toList();
    p.check(VERIFY.item("3."), restarted.isEmpty()
        ? GateResult.pass("stability", "the same service process answered every sample")
        : GateResult.fail("stability", "the service process changed or vanished during the samples on " + restarted));
    p.notChecked(VERIFY.item("4."), "left to monitoring: the engine watches " + t.settings().memorySamples()
        + " samples, not 24-48 hours");
    p.pass("");
  }

  @Override
  List<Step> steps() {
    return List.of(CONFIRM, SOURCE, CHANGES, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario B: Fix Code Leak",
            "a code change, shipped through the deployment runbook"),
        StepCatalogue.notChecked("Scenario C: Optimize Memory Usage",
            "a code change, shipped through the deployment runbook"));
  }
}
