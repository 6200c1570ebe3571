package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.HostContext;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The Incident Response Runbook's "Investigation Steps" on one host, over SSH: read-only, safe to
 * run twice, measuring and parsing only. What the readings mean (which scenario, which severity)
 * is decided by the incident's gates in workflow code.
 */
@ActivityInterface
public interface InvestigationActivities {

  /**
   * "Review Logs": the last {@code lastLines} lines of the service log ({@code service.logFile()}),
   * each pattern's count and a few matching lines (bounded). A missing log counts nothing and says so.
   */
  LogErrorCounts countLogErrors(HostContext host, List<LogPattern> patterns, int lastLines);

  /**
   * Incident 7 "Identify Space Usage": the file system of the deploy root ({@code df}), the size of
   * each top-level entry under it ({@code du}), the largest files, core dumps, and temp files matching
   * {@code disk.tempPatterns()} in {@code disk.tempDirs()}.
   */
  DiskUsageReport inspectDiskUsage(HostContext host, DiskSettings disk);

  /**
   * Incident 6 "Confirm Memory Leak": the resident memory of the process listening on the API port,
   * {@code samples} times, {@code intervalSeconds} apart (heartbeating between samples), and the
   * kernel log's out-of-memory lines.
   */
  MemoryTrend sampleMemory(HostContext host, int samples, int intervalSeconds);

  /**
   * Incident 5 "Verify Scene Files": each of {@code scenes} (relative to the served release) exists,
   * is readable, is text, and every {@code ext_resource} it references exists; and which backup
   * archive under {@code backups/} holds the missing ones.
   */
  SceneFilesReport inspectSceneFiles(HostContext host, List<String> scenes);

  /**
   * Incident 1 Scenario B "Identify process using port": the process listening on {@code port} (pid,
   * command line, working directory), and whether it is the service (it runs from a release under
   * the deploy root) or something else.
   */
  PortHolder findPortHolder(HostContext host, int port);

  /**
   * Incident 7 verification "Write operations work": writes and removes a small file under the deploy
   * root ({@code .runbook-write-test-<random>}); the evidence's exit code says whether it could.
   */
  io.spacetime.runbook.ports.hosts.CommandEvidence checkWritable(HostContext host);
}
