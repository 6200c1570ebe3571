package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.List;

/**
 * Incident 7's readings on one host.
 *
 * @param usedPercent how full the deploy root is: the file system's use, or the deploy root's size
 *     against {@code DiskSettings.quotaMb} when one is set ({@code basis} says which)
 * @param entries the deploy root's top-level entries by size, largest first (at most 20)
 * @param largestFiles files over 100 MB (or the 10 largest when none is), largest first
 * @param coreDumps {@code core.*} files found, with sizes
 * @param tempFiles matching temp files found, with sizes
 * @param oldLogs {@code *.log} files older than the settings' age, with sizes
 */
public record DiskUsageReport(
    String host, double usedPercent, String basis, long usedMb, long totalMb,
    List<SizedPath> entries, List<SizedPath> largestFiles, List<SizedPath> coreDumps, List<SizedPath> tempFiles,
    List<SizedPath> oldLogs, List<CommandEvidence> commands) {

  public DiskUsageReport {
    host = host == null ? "" : host;
    basis = basis == null ? "" : basis;
    entries = entries == null ? List.of() : List.copyOf(entries);
    largestFiles = largestFiles == null ? List.of() : List.copyOf(largestFiles);
    coreDumps = coreDumps == null ? List.of() : List.copyOf(coreDumps);
    tempFiles = tempFiles == null ? List.of() : List.copyOf(tempFiles);
    oldLogs = oldLogs == null ? List.of() : List.copyOf(oldLogs);
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  /** A path and its size in bytes. */
  public record SizedPath(String path, long bytes) {}
}
