package io.spacetime.runbook.service;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.core.Versions;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import java.util.List;
import java.util.Optional;

/**
 * The {@code production} symlink: that a host serves a release a rollback could restore (before
 * any change), that Step 3's switch landed where it should, and the Emergency Rollback
 * Procedure's target (the last release known good by the host's {@link ReleaseHistory}, or a
 * release named by version).
 */
public final class ReleaseGate {

  public static final String GATE = "release";

  private ReleaseGate() {}

  /**
   * Before any change: the production link points at an existing release directory whose name a
   * rollback can restore, which is what every undo of this deployment returns to.
   */
  public static GateResult servesRelease(ReleaseState s) {
    String where = Measures.on(s.host());
    if (s.currentDir().isEmpty()) {
      return GateResult.fail(GATE, "production is not a link to a release directory" + where
          + ": there would be nothing to roll back to");
    }
    if (!ReleaseDirs.safe(s.currentDir())) {
      return GateResult.fail(GATE, "production -> " + s.currentDir() + where + ": a rollback cannot restore a directory"
          + " of that name (letters, digits and . _ + - only); rename the release and point production at it by hand");
    }
    if (!s.versions().isEmpty() && !s.versions().containsKey(s.currentDir())) {
      return GateResult.fail(GATE, "production -> " + s.currentDir() + where + ", which is not a directory next to the"
          + " link: a rollback could not restore it");
    }
    String version = s.currentVersion().isEmpty() ? "version unknown (no VERSION file)" : s.currentVersion();
    return GateResult.pass(GATE, "production -> " + s.currentDir() + " (" + version + ")" + where + ": the rollback target");
  }

  /** Step 3: the production link now points at {@code expectedDir}. */
  public static GateResult switched(ReleaseSwitch s, String expectedDir) {
    String was = s.fromDir().isEmpty() ? "" : " (was " + s.fromDir() + ")";
    return expectedDir.equals(s.toDir())
        ? GateResult.pass(GATE, "production -> " + s.toDir() + Measures.on(s.host()) + was)
        : GateResult.fail(GATE, "production -> " + s.toDir() + Measures.on(s.host()) + ", expected " + expectedDir);
  }

  /**
   * The rollback target on one host: with a version named ("v2.4.0" and "2.4.0" name the same),
   * the directory holding it (one not rolled back, else the one that served last); without, the
   * last release known good ({@link ReleaseHistory#lastKnownGood}).
   *
   * @return the directory name, empty when there is none
   */
  public static String chooseTarget(ReleaseState s, String toVersion, String productionName) {
    ReleaseHistory history = ReleaseHistory.of(s);
    if (toVersion.isEmpty()) {
      return history.lastKnownGood().orElse("");
    }
    List<String> holding = history.directories().stream()
        .filter(dir -> Versions.sameRelease(history.versionOf(dir, productionName), toVersion))
        .toList();
    return history.bestOf(holding).orElse("");
  }

  /**
   * What {@code production.backup} points at after a rollback to {@code targetDir}: the release a
   * further rollback would restore (never the one just rolled back), empty when there is none.
   */
  public static String nextBackup(ReleaseState s, String targetDir, String targetVersion) {
    ReleaseEvent rollback = new ReleaseEvent("", ReleaseEvent.Kind.ROLLBACK, targetDir, s.currentDir(), targetVersion, "", "");
    return ReleaseHistory.of(s).after(rollback).lastKnownGood().orElse("");
  }

  /** Whether {@code targetDir} (from {@link #chooseTarget}) is something to roll back to. */
  public static GateResult rollbackTarget(ReleaseState s, String toVersion, String targetDir) {
    String host = s.host();
    ReleaseHistory history = ReleaseHistory.of(s);
    String serving = s.currentDir().isEmpty() ? "no release (production is not a link)" : s.currentDir()
        + (s.currentVersion().isEmpty() ? "" : " (" + s.currentVersion() + ")");
    if (!toVersion.isEmpty() && targetDir.isEmpty()) {
      return GateResult.fail(GATE, "release " + toVersion + " is not on " + host + " (serving " + serving + "); available: "
          + available(s.releaseDirs()));
    }
    if (targetDir.isEmpty() || targetDir.equals(s.currentDir())) {
      return GateResult.fail(GATE, "nothing to roll back to on " + host + ": " + serving + " serves now"
          + rolledBackNote(history, s) + (history.known() ? "" : "; " + whyNoBackup(s)));
    }
    String warning = history.rolledBack(targetDir)
        .map(e -> "; note: " + targetDir + " was rolled back by " + e.workflowId() + " at " + e.time()
            + ", restored because toVersion names it")
        .orElse("");
    String why = toVersion.isEmpty()
        ? (history.known() ? " (the newest earlier release not rolled back)" : " (production.backup; no release history yet)")
        : " (named by toVersion)";
    return GateResult.pass(GATE, host + ": " + serving + " -> " + targetDir + why + warning);
  }

  /** Without a release history the runbook's production.backup is the only rollback target. */
  private static String whyNoBackup(ReleaseState s) {
    if (s.backupDir().isEmpty()) {
      return "no release history, and production.backup does not exist";
    }
    if (s.backupDir().equals(s.currentDir())) {
      return "no release history, and production.backup points at the served release";
    }
    return "no release history, and production.backup points at " + s.backupDir() + ", which "
        + (ReleaseHistory.of(s).rolledBack(s.backupDir()).isPresent() ? "was rolled back" : "does not exist");
  }

  private static String rolledBackNote(ReleaseHistory history, ReleaseState s) {
    List<String> rolledBack = history.directories().stream()
        .map(dir -> history.rolledBack(dir).map(e -> dir + " was rolled back by " + e.workflowId() + " at " + e.time()))
        .flatMap(Optional::stream)
        .toList();
    return rolledBack.isEmpty() ? "" : "; " + String.join("; ", rolledBack);
  }

  private static String available(List<String> dirs) {
    return dirs.isEmpty() ? "none" : String.join(", ", dirs);
  }
}
