package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 1.1 as measured: {@code df -Pk <deploy root>}, {@code /proc/meminfo} (MemAvailable, what
 * {@code free} calls "available"), {@code /proc/loadavg}, {@code nproc}, and a write probe.
 */
public record ServerResources(
    String host,
    String path,
    double diskFreeGb,
    double memoryAvailableGb,
    double loadAverage1m,
    int cores,
    boolean writable,
    List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ServerResources {
    host = host == null ? "" : host;
    path = path == null ? "" : path;
    commands = commands == null ? List.of() : commands;
  }
}
