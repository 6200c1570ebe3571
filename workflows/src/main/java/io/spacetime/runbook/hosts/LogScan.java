package io.spacetime.runbook.hosts;

import java.util.List;

/** Step 10: lines matching {@code pattern} in the service log since {@code fromOffset}. */
public record LogScan(String host, String logFile, long fromOffset, int matches, List<String> sample, CommandEvidence command) {}
