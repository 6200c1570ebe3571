package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 2.1: what is in {@code staging/}: its {@code VERSION} file, and when staging is a git
 * checkout, {@code git describe --tags}, the commit and whether the work tree is clean.
 */
public record StagedRelease(
    String host,
    boolean present,
    String version,
    boolean gitCheckout,
    String gitDescribe,
    String commit,
    boolean clean,
    List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public StagedRelease {
    host = host == null ? "" : host;
    version = version == null ? "" : version;
    gitDescribe = gitDescribe == null ? "" : gitDescribe;
    commit = commit == null ? "" : commit;
    commands = commands == null ? List.of() : commands;
  }
}
