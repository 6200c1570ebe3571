package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.List;
import java.util.Map;

/**
 * What the recent service log says: per pattern name, how many of the last {@code linesRead} lines
 * matched, and a few matching lines as examples (bounded).
 *
 * @param logFound false when the log file does not exist or cannot be read ({@code why} says which)
 */
public record LogErrorCounts(
    String host, boolean logFound, String why, int linesRead, Map<String, Integer> counts,
    List<String> examples, List<CommandEvidence> commands) {

  public LogErrorCounts {
    host = host == null ? "" : host;
    why = why == null ? "" : why;
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    examples = examples == null ? List.of() : List.copyOf(examples);
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  public int count(String pattern) {
    return counts.getOrDefault(pattern, 0);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
