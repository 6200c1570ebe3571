package io.spacetime.runbook.ports.hosts;

import java.util.List;

/** Step 3: {@code staging/} synchronised into {@code production-<version>/}. */
public record ReleaseCopy(String host, String releaseDir, long files, List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ReleaseCopy {
    host = host == null ? "" : host;
    releaseDir = releaseDir == null ? "" : releaseDir;
    commands = commands == null ? List.of() : commands;
  }
}
