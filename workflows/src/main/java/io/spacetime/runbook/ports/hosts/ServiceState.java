package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Step 2 / Step 5: the service's state after a stop or start.
 *
 * @param active the environment's {@code isActive} command exited 0
 * @param listeningPorts service ports still (or already) listening
 * @param logOffset size in bytes of the service log before a start, so Step 10 reads only what
 *     this run produced
 * @param startSkipped the service was already active, so the start command did not run: whatever
 *     serves was started before (it proves nothing about the release the link points at)
 * @param servingDir the directory the process listening on the API port runs from (its working
 *     directory, resolved), empty when it could not be read
 * @param servingDirUnknown why {@code servingDir} is empty (no listener, pid not visible, /proc
 *     not readable), empty when it is known
 * @param apiPid the pid of the process listening on the API port, 0 when none or not visible
 * @param lingering after a stop: pids of processes still running from the release that served (among
 *     the processes the deploy user can see); empty otherwise
 */
public record ServiceState(
    String host,
    boolean active,
    List<Integer> listeningPorts,
    long logOffset,
    List<CommandEvidence> commands,
    boolean startSkipped,
    String servingDir,
    String servingDirUnknown,
    int apiPid,
    List<Integer> lingering) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ServiceState {
    lingering = lingering == null ? List.of() : lingering;
    host = host == null ? "" : host;
    listeningPorts = listeningPorts == null ? List.of() : listeningPorts;
    commands = commands == null ? List.of() : commands;
    servingDir = servingDir == null ? "" : servingDir;
    servingDirUnknown = servingDirUnknown == null ? "" : servingDirUnknown;
  }

  /** A state without the start-only details (stop, plain reads). */
  public ServiceState(String host, boolean active, List<Integer> listeningPorts, long logOffset,
      List<CommandEvidence> commands) {
    this(host, active, listeningPorts, logOffset, commands, false, "", "", 0, List.of());
  }
}
