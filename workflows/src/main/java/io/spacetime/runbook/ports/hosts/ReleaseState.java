package io.spacetime.runbook.ports.hosts;

import java.util.List;
import java.util.Map;

/**
 * Which release a host serves and what it could go back to: where the {@code production} symlink
 * points, where {@code production.backup} points (the runbook's manual rollback target), which
 * release directories exist with the version each one says it holds, and the host's release
 * history (newest last).
 *
 * @param currentDir directory name the production link points to, empty if there is no link
 * @param currentVersion the version the served release holds: its {@code VERSION} file, else the
 *     version part of {@code currentDir} ({@code production-v2.5.0}); empty when neither says
 * @param backupDir directory name {@code production.backup} points to, empty if none
 * @param releaseDirs the {@code production-*} directories next to the link, and the served one
 * @param versions directory name -> the first line of its {@code VERSION} file (when it has one)
 * @param history the host's release history, oldest first (the newest lines when it is long)
 */
public record ReleaseState(
    String host,
    String currentDir,
    String currentVersion,
    String backupDir,
    List<String> releaseDirs,
    List<CommandEvidence> commands,
    Map<String, String> versions,
    List<ReleaseEvent> history) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ReleaseState {
    host = host == null ? "" : host;
    currentDir = currentDir == null ? "" : currentDir;
    currentVersion = currentVersion == null ? "" : currentVersion;
    backupDir = backupDir == null ? "" : backupDir;
    releaseDirs = releaseDirs == null ? List.of() : releaseDirs;
    commands = commands == null ? List.of() : commands;
    versions = versions == null ? Map.of() : versions;
    history = history == null ? List.of() : history;
  }

  /** A state without directory versions or history (a host the engine has not changed yet). */
  public ReleaseState(String host, String currentDir, String currentVersion, String backupDir, List<String> releaseDirs,
      List<CommandEvidence> commands) {
    this(host, currentDir, currentVersion, backupDir, releaseDirs, commands, Map.of(), List.of());
  }
}
