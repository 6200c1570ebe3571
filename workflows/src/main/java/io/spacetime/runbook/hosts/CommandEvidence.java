package io.spacetime.runbook.hosts;

/**
 * What one remote command did: the command as run (every argument already quoted), where, its
 * exit code, and bounded tails of its output. Embedded in every host observation so the report
 * can show the operator exactly what ran.
 */
public record CommandEvidence(
    String host, String command, int exitCode, String stdoutTail, String stderrTail, long durationMs) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
