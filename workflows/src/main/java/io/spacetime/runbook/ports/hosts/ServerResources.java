package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 1.1 as measured: {@code df -Pk <deploy root>}, {@code /proc/meminfo} (MemAvailable, what
 * {@code free} calls "available"), {@code /proc/loadavg}, {@code nproc}, and a write probe.
 * @param diskErrors kernel log lines reporting disk or file system errors ({@code dmesg}), null when
 *     the log could not be read ({@code diskErrorsUnreadable} says why)
 */
public record ServerResources(
    String host,
    String path,
    double diskFreeGb,
    double memoryAvailableGb,
    double loadAverage1m,
    int cores,
    boolean writable,
    List<CommandEvidence> commands,
    Integer diskErrors,
    String diskErrorsUnreadable) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ServerResources {
    diskErrorsUnreadable = diskErrorsUnreadable == null ? "" : diskErrorsUnreadable;
    host = host == null ? "" : host;
    path = path == null ? "" : path;
    commands = commands == null ? List.of() : commands;
  }

  /** As measured before diskErrors, diskErrorsUnreadable; the newer fields unknown. */
  public ServerResources(String host, String path, double diskFreeGb, double memoryAvailableGb, double loadAverage1m, int cores, boolean writable,
      List<CommandEvidence> commands) {
    this(host, path, diskFreeGb, memoryAvailableGb, loadAverage1m, cores, writable, commands, null, "");
  }
}
