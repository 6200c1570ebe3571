package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.service.EvidenceOf;
import java.util.ArrayList;
import java.util.List;

/** Incident 5: Scene Loading Failures (P1 if all scenes fail, P2 if specific scenes). */
final class SceneLoadFailures extends Playbook {

  static final Step FILES = new Step("Step 1", "Verify Scene Files");
  static final Step LOADING = new Step("Step 2", "Test Scene Loading Manually");
  static final Step DEPENDENCIES = new Step("Step 3", "Check Dependencies");
  static final Step VERIFY = new Step("Verification", "Incident 5 Verification Steps", List.of(
      "1. Scene loads successfully", "2. No errors in logs", "3. Test multiple scenes", "4. Verify via telemetry"));

  @Override
  IncidentType type() {
    return IncidentType.SCENE_LOAD_FAILURES;
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    List<io.spacetime.runbook.ports.probes.EndpointSample> loads = f.allSamples().stream()
        .filter(e -> e.name().equals("/scene/load")).toList();
    int requests = loads.stream().mapToInt(e -> e.requests()).sum();
    int failed = loads.stream().mapToInt(e -> e.serverErrors() + e.noAnswer()).sum();
    if (requests > 0 && failed == requests) {
      return new SeverityAssessment(Severity.P1, "every scene load failed (" + failed + " of " + requests
          + "): scene loading completely failing (runbook P1)");
    }
    return new SeverityAssessment(Severity.P2, failed + " of " + requests + " scene loads failed: specific scenes (runbook P2)");
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, FILES, h -> {
      t.scenes(h, f);
      t.release(h, f);
    });
    onEachHost(t, LOADING, h -> t.settings().scenes().forEach(scene -> load(t, h, scene)));
    t.procedure.begin(DEPENDENCIES, "");
    List<String> missing = new ArrayList<>();
    f.scenes.values().forEach(s -> s.missing().forEach(m -> missing.add(s.host() + ": " + m)));
    t.procedure.pass(missing.isEmpty() ? "every scene and ext_resource it references exists"
        : "missing: " + String.join(", ", missing));
  }

  static HttpExchange load(IncidentTools t, Host h, String scene) {
    HttpExchange e = t.stubs.quick(ProbeActivities.class).post(t.env.apiBaseUrl(h) + "/scene/load",
        "{\"scene_path\": \"res://" + scene + "\"}");
    t.procedure.evidence(EvidenceOf.http(e, h.name()));
    return e;
  }

  @Override
  List<Scenario> scenarios() {
    return List.of(
        new Scenario("Scenario A", "Missing Scene Files: restore from backup",
            f -> f.scenes.values().stream().anyMatch(s -> !s.missing().isEmpty()), SceneLoadFailures::repairScenes),
        new Scenario("Scenario D", "Permission Issues: fix permissions",
            f -> f.scenes.values().stream().anyMatch(s -> !s.unreadable().isEmpty()), SceneLoadFailures::repairScenes),
        rollbackScenario("Scenario B", "Corrupted Scene Files: roll back to the last release known good"));
  }

  /**
   * Scenario A (and C, missing dependencies): copy the missing files from the newest backup holding
   * them; Scenario D: make them readable; then restart the service on the hosts repaired.
   */
  static boolean repairScenes(IncidentTools t, Findings f) {
    boolean any = false;
    for (Host h : t.hostsNamed(f.hostsWithSceneProblems())) {
      SceneFilesReport s = f.scenes.get(h.name());
      boolean repaired = false;
      if (!s.missing().isEmpty()) {
        if (s.restorableFrom().isEmpty()) {
          t.incident.actionTaken(h.name(), "cannot restore " + s.missing() + ": no backup under backups/ holds them",
              java.util.Map.of());
        } else {
          repaired |= t.mitigate(h, "restore " + s.missing(), m -> m.restoreSceneFiles(t.on(h), s.missing())) != null;
        }
      }
      if (!s.unreadable().isEmpty()) {
        repaired |= t.mitigate(h, "fix permissions", m -> m.fixScenePermissions(t.on(h))) != null;
      }
      if (repaired) {
        any |= t.restart(h, "scene files repaired");
      }
    }
    return any;
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    t.hosts.forEach(h -> t.service(h, now));
    String first = t.settings().scenes().get(0);
    p.check(VERIFY.item("1."), loads(t, List.of(first)));
    p.check(VERIFY.item("2."), noNewLogLines(t, now, "scene load failed", 0));
    p.check(VERIFY.item("3."), loads(t, t.settings().scenes()));
    p.notChecked(VERIFY.item("4."), "scene_loaded telemetry events are not read by this engine");
    p.pass("");
  }

  private static GateResult loads(IncidentTools t, List<String> scenes) {
    List<String> failed = new ArrayList<>();
    for (Host h : t.hosts) {
      for (String scene : scenes) {
        HttpExchange e = load(t, h, scene);
        if (e.status() != 200) {
          failed.add(h.name() + " " + scene + " → " + (e.status() == 0 ? "no answer" : "HTTP " + e.status()));
        }
      }
    }
    return failed.isEmpty()
        ? GateResult.pass("scene load", "POST /scene/load → 200 for " + scenes + " on " + t.hosts.size() + " hosts")
        : GateResult.fail("scene load", String.join("; ", failed));
  }

  @Override
  List<Step> steps() {
    return List.of(FILES, LOADING, DEPENDENCIES, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario C: Missing Dependencies",
            "which resources to restore needs a person reading Step 3's findings"));
  }
}
