package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.HostContext;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The Incident Response Runbook's "Resolution Procedures" that change a host. Each is idempotent:
 * run twice, the second run finds nothing left to do and says so ({@code changed == false}). Which
 * of them run by themselves and which wait for a person's approval is the workflow's decision.
 * Restarting the service is not here: it is {@code ServiceActivities.stopService} then
 * {@code startService}, whose start is sent at most once.
 */
@ActivityInterface
public interface MitigationActivities {

  /** Incident 7 Scenario A: gzip {@code *.log} files older than {@code disk.logMaxAgeDays()} and move them to {@code backups/logs/}. */
  MitigationReport compressOldLogs(HostContext host, DiskSettings disk);

  /** Incident 7 Scenario C: delete {@code core.*} files under the deploy root and the temp directories. */
  MitigationReport removeCoreDumps(HostContext host, DiskSettings disk);

  /** Incident 7 Scenario D: delete files matching {@code disk.tempPatterns()} in {@code disk.tempDirs()}. */
  MitigationReport cleanTempFiles(HostContext host, DiskSettings disk);

  /** Incident 7 Scenario B (risky): delete backup archives beyond the retention (keep 7 daily, 4 weekly, 3 monthly). */
  MitigationReport pruneBackups(HostContext host, BackupRetention retention);

  /**
   * Incident 1 Scenario B (risky): ends process {@code pid} (TERM, then KILL after a grace) only if it
   * still listens on {@code port} and is not the service; a pid that is gone is success, unchanged.
   */
  MitigationReport killPortHolder(HostContext host, int port, int pid);

  /**
   * Incident 5 Scenario A/C: copies each of {@code missing} (paths relative to the served release) from
   * the newest backup archive that holds it; files that exist are never overwritten.
   */
  MitigationReport restoreSceneFiles(HostContext host, List<String> missing);

  /** Incident 5 Scenario D: makes the served release's {@code *.tscn} and {@code *.gd} files readable (mode 644). */
  MitigationReport fixScenePermissions(HostContext host);

  /**
   * Incident 6 Scenario A (risky): installs the scheduled restart every {@code everyHours} with the
   * environment's {@code incident.scheduledRestartCommand} (the runbook's systemd timer by default).
   */
  MitigationReport installScheduledRestart(HostContext host, String command, int everyHours);
}
