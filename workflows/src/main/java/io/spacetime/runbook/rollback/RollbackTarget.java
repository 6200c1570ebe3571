package io.spacetime.runbook.rollback;

import io.spacetime.runbook.environment.Host;

/**
 * One host's part of an emergency rollback: what it serves now, the release it goes back to, and
 * what {@code production.backup} points at afterwards (the release a further rollback would
 * restore; empty when there is none).
 */
record RollbackTarget(Host host, String currentDir, String currentVersion, String targetDir, String targetVersion,
    String nextBackupDir) {

  /** True when the host keeps what it serves (only its health is verified). */
  boolean stays() {
    return targetDir.equals(currentDir);
  }
}
