package io.spacetime.runbook.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.hosts.BackupArchive;

/**
 * Runbook 3.1 "DO NOT PROCEED without valid backups": the archive was verified by listing it, and
 * it is not empty.
 */
public final class BackupGate {

  public static final String GATE = "backup";

  private BackupGate() {}

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
}
