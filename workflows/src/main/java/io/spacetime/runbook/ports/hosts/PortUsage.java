package io.spacetime.runbook.ports.hosts;

import java.util.List;

/** Runbook 1.2 / Step 2: who listens on each service port ({@code ss -ltnp}). */
public record PortUsage(String host, List<PortHolder> ports, List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public PortUsage {
    host = host == null ? "" : host;
    ports = ports == null ? List.of() : ports;
    commands = commands == null ? List.of() : commands;
  }

  /**
   * @param process process name from {@code ss -p}, empty when the port is free
   * @param pid the process id, 0 when free or unknown
   */
  public record PortHolder(int port, boolean listening, String process, int pid) {

    public PortHolder {
      process = process == null ? "" : process;
    }
  }
}
