package io.spacetime.runbook.ports.hosts;

import java.util.List;

/** Step 10: lines matching {@code pattern} in the service log since {@code fromOffset}. */
public record LogScan(String host, String logFile, long fromOffset, int matches, List<String> sample, CommandEvidence command) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public LogScan {
    host = host == null ? "" : host;
    logFile = logFile == null ? "" : logFile;
    sample = sample == null ? List.of() : sample;
  }
}
