package io.spacetime.runbook.hosts;

import java.util.List;

/**
 * Step 2 / Step 5: the service's state after a stop or start.
 *
 * @param active the environment's {@code isActive} command exited 0
 * @param listeningPorts service ports still (or already) listening
 * @param logOffset size in bytes of the service log before a start, so Step 10 reads only what
 *     this run produced
 */
public record ServiceState(
    String host,
    boolean active,
    List<Integer> listeningPorts,
    long logOffset,
    List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ServiceState {
    host = host == null ? "" : host;
    listeningPorts = listeningPorts == null ? List.of() : listeningPorts;
    commands = commands == null ? List.of() : commands;
  }
}
