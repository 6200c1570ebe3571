package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.List;

/**
 * What one resolution action did on a host.
 *
 * @param changed false when there was nothing to do (a second run, or nothing matched)
 * @param summary one line for the timeline: "compressed 3 logs older than 7 days (1.2 GB freed)"
 * @param freedBytes space given back, for disk actions; 0 otherwise
 * @param affected the files or pids acted on (bounded)
 */
public record MitigationReport(
    String host, String action, boolean changed, String summary, long freedBytes, List<String> affected,
    List<CommandEvidence> commands) {

  public MitigationReport {
    host = host == null ? "" : host;
    summary = summary == null ? "" : summary;
    affected = affected == null ? List.of() : List.copyOf(affected);
    commands = commands == null ? List.of() : List.copyOf(commands);
  }
}
