package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * The service process's own use of the host over a short sample (Step 8 Performance Verification,
 * and Step 5's "PID is stable"): read from {@code /proc/<pid>} of the process on the API port.
 *
 * @param pidBefore the API port's process when the sample began; 0 when none was visible
 * @param pidAfter the same at its end: a different pid means the service restarted meanwhile
 * @param cpuPercent CPU time used during the sample over its wall time (100 = one core busy); -1 when unknown
 * @param residentBytes resident memory (VmRSS) at the end; -1 when unknown
 * @param unknown why the figures are unknown (no listener, /proc not readable), empty when known
 */
public record ServiceUsage(
    String host, int pidBefore, int pidAfter, double cpuPercent, long residentBytes, long sampleMillis,
    String unknown, List<CommandEvidence> commands) {

  public ServiceUsage {
    host = host == null ? "" : host;
    unknown = unknown == null ? "" : unknown;
    commands = commands == null ? List.of() : commands;
  }
}
