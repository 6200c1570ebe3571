package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Step 3: the production link before and after an atomic switch. A retried switch that finds the
 * link already at the target reports {@code alreadyInPlace}.
 */
public record ReleaseSwitch(
    String host,
    String fromDir,
    String toDir,
    boolean alreadyInPlace,
    List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ReleaseSwitch {
    host = host == null ? "" : host;
    fromDir = fromDir == null ? "" : fromDir;
    toDir = toDir == null ? "" : toDir;
    commands = commands == null ? List.of() : commands;
  }
}
