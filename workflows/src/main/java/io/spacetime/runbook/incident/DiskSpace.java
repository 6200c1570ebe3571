package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.InvestigationActivities;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.spacetime.runbook.ports.incident.MitigationActivities;
import io.spacetime.runbook.ports.incident.MitigationReport;
import io.spacetime.runbook.service.EvidenceOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Incident 7: Disk Space Exhaustion (P1 if > 95 %, P2 if > 85 %). */
final class DiskSpace extends Playbook {

  static final Step USAGE = new Step("Step 1", "Identify Space Usage");
  static final Step RUNAWAY = new Step("Step 2", "Check for Runaway Processes");
  static final Step VERIFY = new Step("Verification", "Incident 7 Verification Steps", List.of(
      "1. Disk space recovered", "2. No disk full errors", "3. Write operations work", "4. Service operational",
      "5. Monitor for 1 hour"));

  @Override
  IncidentType type() {
    return IncidentType.DISK_SPACE;
  }

  @Override
  void triage(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.disk(h, f));
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    double used = f.worstDiskPercent();
    String measured = String.format("deploy root %.1f %% used", used);
    if (used > s.diskP1Percent()) {
      return new SeverityAssessment(Severity.P1, measured + " > " + s.diskP1Percent() + " % (runbook P1)");
    }
    if (used > s.diskP2Percent()) {
      return new SeverityAssessment(Severity.P2, measured + " > " + s.diskP2Percent() + " % (runbook P2)");
    }
    return new SeverityAssessment(Severity.P3, measured + ": below the runbook's alert levels (P3)");
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, USAGE, h -> t.disk(h, f));
    onEachHost(t, RUNAWAY, h -> t.logs(h, f, List.of(new LogPattern("disk full", "no space left|disk full"))));
  }

  /**
   * The safe clean-ups (Scenarios A, C and D) run together, each where the readings show something
   * to clean: a disk filled by old logs usually holds core dumps and temp files as well, and none of
   * the three deletes anything of value. Scenario B deletes backups, so it comes alone, after them,
   * and only with a person's approval.
   */
  @Override
  List<Scenario> scenarios() {
    return List.of(
        new Scenario("Scenario A, C, D", "compress old logs, remove core dumps, clean temp files",
            f -> f.disk.values().stream().anyMatch(d -> !d.oldLogs().isEmpty() || !d.coreDumps().isEmpty()
                || !d.tempFiles().isEmpty()),
            (t, f) -> cleanup(t, f, "Scenario A: Log Files Too Large", DiskUsageReport::oldLogs,
                h -> m -> m.compressOldLogs(t.on(h), t.settings().disk()))
                | cleanup(t, f, "Scenario C: Core Dumps", DiskUsageReport::coreDumps,
                    h -> m -> m.removeCoreDumps(t.on(h), t.settings().disk()))
                | cleanup(t, f, "Scenario D: Temp Files", DiskUsageReport::tempFiles,
                    h -> m -> m.cleanTempFiles(t.on(h), t.settings().disk()))),
        new Scenario("Scenario B", "Backup Files Accumulation: delete backups beyond retention",
            f -> f.worstDiskPercent() > f.settings.diskResolvedPercent(), DiskSpace::pruneBackups));
  }

  /** One safe clean-up on the hosts whose readings show something for it; true when it changed something. */
  private static boolean cleanup(IncidentTools t, Findings f, String title,
      Function<DiskUsageReport, List<DiskUsageReport.SizedPath>> found,
      Function<Host, Function<MitigationActivities, MitigationReport>> action) {
    boolean any = false;
    for (Host h : t.hosts) {
      DiskUsageReport d = f.disk.get(h.name());
      if (d != null && !found.apply(d).isEmpty()) {
        MitigationReport r = t.mitigate(h, title, action.apply(h));
        any |= r != null && r.changed();
      }
    }
    return any;
  }

  /** Scenario B deletes data: a person approves, per host, with what would go. */
  private static boolean pruneBackups(IncidentTools t, Findings f) {
    boolean any = false;
    for (Host h : t.hosts) {
      DiskUsageReport d = f.disk.get(h.name());
      if (d == null || d.usedPercent() <= t.settings().diskResolvedPercent()) {
        continue;
      }
      var retention = t.settings().backupRetention();
      if (t.approved("prune-backups@" + h.name(), "delete backups on " + h.name() + " beyond the retention (keep "
          + retention.daily() + " daily, " + retention.weekly() + " weekly, " + retention.monthly() + " monthly)", h.name(),
          Map.of("used", String.format("%.1f %%", d.usedPercent())))) {
        MitigationReport r = t.mitigate(h, "delete backups beyond retention", m -> m.pruneBackups(t.on(h), retention));
        any |= r != null && r.changed();
      }
    }
    return any;
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    t.hosts.forEach(h -> {
      t.service(h, now);
      t.disk(h, now);
    });
    double limit = t.settings().diskResolvedPercent();
    double used = now.worstDiskPercent();
    p.check(VERIFY.item("1."), used < limit
        ? GateResult.pass("disk", String.format("%.1f %% used < %.0f %% on every host", used, limit))
        : GateResult.fail("disk", String.format("%.1f %% used, expected < %.0f %%", used, limit)));
    p.check(VERIFY.item("2."), noNewLogLines(t, now, "No space left", 0));
    List<String> notWritable = new ArrayList<>();
    for (Host h : t.hosts) {
      CommandEvidence w = t.stubs.onHost(InvestigationActivities.class).checkWritable(t.on(h));
      p.evidence(EvidenceOf.command(w));
      if (!w.succeeded()) {
        notWritable.add(h.name());
      }
    }
    p.check(VERIFY.item("3."), notWritable.isEmpty()
        ? GateResult.pass("write", "a test file was written and removed under the deploy root on every host")
        : GateResult.fail("write", "cannot write under the deploy root on " + notWritable));
    p.check(VERIFY.item("4."), serviceResponds(t, t.findings()));
    p.notChecked(VERIFY.item("5."), "left to monitoring: the disk alert re-opens the incident within the cool-down");
    p.pass("");
  }

  @Override
  List<Step> steps() {
    return List.of(USAGE, RUNAWAY, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario E: Emergency - Expand Disk",
            "resizing a volume is a person's call in the cloud console"));
  }

  /** One scenario step does the runbook's three clean-ups (logs, core dumps, temp files) together. */
  @Override
  List<StepCatalogue.Covered> covers() {
    String by = "Scenario A, C, D (one step: logs, core dumps, temp files)";
    return List.of(StepCatalogue.covered("Scenario A: Log Files Too Large", by),
        StepCatalogue.covered("Scenario C: Core Dumps", by), StepCatalogue.covered("Scenario D: Temp Files", by));
  }
}
