package io.spacetime.runbook.hosts;

import java.util.List;

/**
 * Which release a host serves: where the {@code production} symlink points, where
 * {@code production.backup} points (the runbook's rollback target), and which
 * {@code production-<version>} directories exist.
 *
 * @param currentDir directory name the production link points to, empty if there is no link
 * @param currentVersion version part of {@code currentDir}
 * @param backupDir directory name {@code production.backup} points to, empty if none
 */
public record ReleaseState(
    String host,
    String currentDir,
    String currentVersion,
    String backupDir,
    List<String> releaseDirs,
    List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ReleaseState {
    host = host == null ? "" : host;
    currentDir = currentDir == null ? "" : currentDir;
    currentVersion = currentVersion == null ? "" : currentVersion;
    backupDir = backupDir == null ? "" : backupDir;
    releaseDirs = releaseDirs == null ? List.of() : releaseDirs;
    commands = commands == null ? List.of() : commands;
  }
}
