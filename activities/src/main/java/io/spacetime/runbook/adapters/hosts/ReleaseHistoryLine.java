package io.spacetime.runbook.adapters.hosts;

import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import java.util.Optional;

/**
 * One line of a host's release history file: tab-separated {@code time kind toDir fromDir version
 * workflowId runId}. Plain text on purpose: an operator reads it with {@code column -t} and the
 * runbook's manual procedures can append to it. Values are made safe for the format (no tabs, no
 * newlines) before they are written; lines this version cannot read are skipped, not fatal.
 */
final class ReleaseHistoryLine {

  private static final int FIELDS = 7;

  private ReleaseHistoryLine() {}

  /** Everything of the line but its time: what identifies one move, so a retry records it once. */
  static String identity(ReleaseChange c) {
    return String.join("\t", c.kind().word(), safe(c.toDir()), safe(c.fromDir()), safe(c.version()),
        safe(c.workflowId()), safe(c.runId()));
  }

  static Optional<ReleaseEvent> parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < FIELDS) {
      return Optional.empty();
    }
    return ReleaseEvent.Kind.ofWord(f[1].strip())
        .map(kind -> new ReleaseEvent(f[0].strip(), kind, value(f[2]), value(f[3]), value(f[4]), value(f[5]),
            value(f[6].strip())));
  }

  private static String value(String field) {
    return field.equals("-") ? "" : field;
  }

  /** A value as the file holds it: {@code -} for empty, else {@link ReleaseEvent#fileSafe}. */
  static String safe(String value) {
    return value == null || value.isEmpty() ? "-" : ReleaseEvent.fileSafe(value);
  }
}
