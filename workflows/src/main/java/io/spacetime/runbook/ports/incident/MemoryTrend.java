package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.List;

/**
 * Incident 6's readings: the service process's resident memory over time.
 *
 * @param rssKb each sample's resident set size in KiB, oldest first (0 where no process answered)
 * @param pids the pid listening on the API port at each sample (a change means a restart or crash)
 * @param intervalSeconds time between two samples
 * @param memTotalKb the host's memory, for "OOM imminent"
 * @param oomLines kernel log lines about the out-of-memory killer (bounded), empty when none or not readable
 */
public record MemoryTrend(
    String host, List<Long> rssKb, List<Integer> pids, int intervalSeconds, long memTotalKb, List<String> oomLines,
    List<CommandEvidence> commands) {

  public MemoryTrend {
    host = host == null ? "" : host;
    rssKb = rssKb == null ? List.of() : List.copyOf(rssKb);
    pids = pids == null ? List.of() : List.copyOf(pids);
    oomLines = oomLines == null ? List.of() : List.copyOf(oomLines);
    commands = commands == null ? List.of() : List.copyOf(commands);
  }
}
