package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.BackupArchive;

/**
 * Runbook 3.1 "DO NOT PROCEED without valid backups": the archive was verified by listing it, and
 * it is not empty.
 */
public final class BackupGate {

  public static final String GATE = "backup";

  private BackupGate() {}

  /** "Backup size is reasonable (> 100MB)": a release far smaller than that is not the whole release. */
  public static GateResult size(BackupArchive b, double minMb) {
    String where = Measures.on(b.host());
    double mb = b.sizeBytes() / 1_000_000.0;
    return mb > minMb
        ? GateResult.pass(GATE, "backup " + Measures.mb(b.sizeBytes()) + " > " + Measures.number(minMb) + " MB" + where)
        : GateResult.fail(GATE, "backup " + b.archive() + where + " is " + Measures.mb(b.sizeBytes()) + ", not more than "
            + Measures.number(minMb) + " MB: is the whole release there? (thresholds.minBackupSizeMb)");
  }

  public static GateResult check(BackupArchive b) {
    String where = Measures.on(b.host());
    if (!b.verified()) {
      return GateResult.fail(GATE, "backup " + b.archive() + where + " could not be verified (listing the archive failed)");
    }
    if (b.entries() <= 0) {
      return GateResult.fail(GATE, "backup " + b.archive() + where + " is empty (0 entries)");
    }
    return GateResult.pass(GATE, "backup " + b.archive() + " verified: " + b.entries() + " entries, "
        + Measures.mb(b.sizeBytes()) + where + (b.reused() ? " (made by an earlier attempt of this run)" : ""));
  }

  /**
   * What the undo of Step 4 needs: the release's {@code .env} copied beside the archive, or a record
   * that the release has none (then the undo restores "no config" rather than failing).
   */
  public static GateResult configRestorable(BackupArchive b) {
    String where = Measures.on(b.host());
    if (b.configCopies().stream().anyMatch(c -> c.contains("/.env."))) {
      return GateResult.pass(GATE, "config saved for the rollback: " + String.join(", ", b.configCopies()));
    }
    if (b.configAbsent().contains(".env")) {
      return GateResult.pass(GATE, "the release has no .env" + where + ": recorded, a rollback restores it without one");
    }
    return GateResult.fail(GATE, "the backup" + where + " holds neither the release's .env nor a record that it has"
        + " none: the rollback of Step 4 could not restore its config");
  }
}
