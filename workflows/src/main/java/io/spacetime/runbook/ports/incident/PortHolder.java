package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.List;

/**
 * Who listens on a port of a host.
 *
 * @param pid the listening process, 0 when nothing listens (or it is not visible: {@code why})
 * @param commandLine its command line (bounded), for the approval request a person reads
 * @param workingDir its working directory, resolved
 * @param isService true when it runs from a release directory under the deploy root
 */
public record PortHolder(
    String host, int port, int pid, String commandLine, String workingDir, boolean isService, String why,
    List<CommandEvidence> commands) {

  public PortHolder {
    host = host == null ? "" : host;
    commandLine = commandLine == null ? "" : commandLine;
    workingDir = workingDir == null ? "" : workingDir;
    why = why == null ? "" : why;
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  public boolean held() {
    return pid > 0;
  }
}
