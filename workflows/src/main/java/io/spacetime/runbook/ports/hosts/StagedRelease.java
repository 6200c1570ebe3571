package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 2.1: what is in {@code staging/}: its {@code VERSION} file, and when staging is a git
 * checkout, {@code git describe --tags}, the commit and whether the work tree is clean.
 * @param missingFiles required files of the release (addon files) that are missing or unreadable
 * @param unreadableFiles how many files under staging/ the deploy user cannot read; null when not
 *     counted (a worker from before this check), and then neither are the required files
 */
public record StagedRelease(
    String host,
    boolean present,
    String version,
    boolean gitCheckout,
    String gitDescribe,
    String commit,
    boolean clean,
    List<CommandEvidence> commands,
    List<String> missingFiles,
    Integer unreadableFiles) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public StagedRelease {
    missingFiles = missingFiles == null ? List.of() : missingFiles;
    host = host == null ? "" : host;
    version = version == null ? "" : version;
    gitDescribe = gitDescribe == null ? "" : gitDescribe;
    commit = commit == null ? "" : commit;
    commands = commands == null ? List.of() : commands;
  }

  /** As measured before missingFiles, unreadableFiles; the newer fields unknown. */
  public StagedRelease(String host, boolean present, String version, boolean gitCheckout, String gitDescribe, String commit, boolean clean,
      List<CommandEvidence> commands) {
    this(host, present, version, gitCheckout, gitDescribe, commit, clean, commands, List.of(), null);
  }
}
