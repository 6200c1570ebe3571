package io.spacetime.runbook.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.hosts.ReleaseState;
import io.spacetime.runbook.hosts.ReleaseSwitch;
import java.util.List;

/**
 * The {@code production} symlink: what a host serves before a change (its rollback target), that
 * Step 3's switch landed where it should, and the Emergency Rollback Procedure's target
 * ({@code production.backup}, or a release named by version).
 */
public final class ReleaseGate {

  public static final String GATE = "release";

  private ReleaseGate() {}

  /** Before Step 2: the host serves a release directory, which is what a rollback returns to. */
  public static GateResult servesRelease(ReleaseState s) {
    return s.currentDir().isEmpty()
        ? GateResult.fail(GATE, "production is not a link to a release directory" + Measures.on(s.host())
            + ": there would be nothing to roll back to")
        : GateResult.pass(GATE, "production -> " + s.currentDir() + Measures.on(s.host()) + " (the rollback target)");
  }

  /** Step 3: the production link now points at {@code expectedDir}. */
  public static GateResult switched(ReleaseSwitch s, String expectedDir) {
    String was = s.fromDir().isEmpty() ? "" : " (was " + s.fromDir() + ")";
    return expectedDir.equals(s.toDir())
        ? GateResult.pass(GATE, "production -> " + s.toDir() + Measures.on(s.host()) + was)
        : GateResult.fail(GATE, "production -> " + s.toDir() + Measures.on(s.host()) + ", expected " + expectedDir);
  }

  /**
   * The rollback target on one host: {@code production-<toVersion>} when a version is named ("v2.4.0"
   * and "2.4.0" name the same directory), else where {@code production.backup} points.
   *
   * @return the directory name, empty when there is none
   */
  public static String chooseTarget(ReleaseState s, String toVersion, String productionName) {
    if (toVersion.isEmpty()) {
      return s.backupDir();
    }
    String prefix = productionName + "-";
    return s.releaseDirs().stream()
        .filter(dir -> dir.startsWith(prefix) && Versions.sameRelease(dir.substring(prefix.length()), toVersion))
        .findFirst()
        .orElse("");
  }

  /** Whether {@code targetDir} (from {@link #chooseTarget}) is something to roll back to. */
  public static GateResult rollbackTarget(ReleaseState s, String toVersion, String targetDir) {
    String host = s.host();
    if (!toVersion.isEmpty() && targetDir.isEmpty()) {
      return GateResult.fail(GATE, "release " + toVersion + " is not on " + host + "; available: " + available(s.releaseDirs()));
    }
    if (targetDir.isEmpty()) {
      return GateResult.fail(GATE, "nothing to roll back to on " + host + ": production.backup does not exist");
    }
    if (targetDir.equals(s.currentDir())) {
      return GateResult.fail(GATE, "nothing to roll back to on " + host + ": " + targetDir + " is already served");
    }
    return GateResult.pass(GATE, host + ": " + (s.currentDir().isEmpty() ? "(no release)" : s.currentDir()) + " -> " + targetDir);
  }

  private static String available(List<String> dirs) {
    return dirs.isEmpty() ? "none" : String.join(", ", dirs);
  }
}
