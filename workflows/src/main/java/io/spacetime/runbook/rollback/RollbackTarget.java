package io.spacetime.runbook.rollback;

import io.spacetime.runbook.environment.Host;

/** One host's part of an emergency rollback: what it serves now and the release it goes back to. */
record RollbackTarget(Host host, String currentDir, String currentVersion, String targetDir, String targetVersion) {}
