package io.spacetime.runbook.ports.incident;

import java.util.List;

/**
 * Where Incident 7 looks and what it may clean.
 *
 * @param logsDir the service's log directory (relative paths are under the deploy root)
 * @param logMaxAgeDays logs older than this are compressed and archived (runbook: 7)
 * @param tempDirs directories whose matching temp files may be deleted (runbook: /tmp)
 * @param tempPatterns file name globs of the service's temp files (runbook: godot-*, spacetime-*)
 * @param quotaMb when above 0, "disk used %" is the deploy root's size against this quota instead of
 *     the file system's use: for hosts sharing a large disk (and the sandbox)
 */
public record DiskSettings(String logsDir, Integer logMaxAgeDays, List<String> tempDirs, List<String> tempPatterns,
    Integer quotaMb) {

  public DiskSettings {
    logsDir = logsDir == null ? "logs" : logsDir;
    logMaxAgeDays = logMaxAgeDays == null ? 7 : logMaxAgeDays;
    tempDirs = tempDirs == null ? List.of("/tmp") : List.copyOf(tempDirs);
    tempPatterns = tempPatterns == null ? List.of("godot-*", "spacetime-*") : List.copyOf(tempPatterns);
    quotaMb = quotaMb == null ? 0 : quotaMb;
  }

  public static DiskSettings defaults() {
    return new DiskSettings(null, null, null, null, null);
  }
}
