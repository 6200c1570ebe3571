package io.spacetime.runbook.ports.hosts;

/**
 * A move of the production link as the workflow decided it: where {@code production} goes, where
 * {@code production.backup} (the runbook's manual rollback target) goes, and the line the host's
 * release history records for it. Everything is decided in workflow code before the move, so a
 * retried activity records exactly the same move.
 *
 * @param toDir the release directory {@code production} will point at
 * @param fromDir the release directory it points at before the move (empty if none)
 * @param backupDir what {@code production.backup} points at afterwards; empty removes the link
 *     (there is nothing left to roll back to)
 * @param version the version {@code toDir} holds, for the history
 * @param workflowId the run that makes the move, for the history
 */
public record ReleaseChange(
    String toDir,
    String fromDir,
    String backupDir,
    String version,
    ReleaseEvent.Kind kind,
    String workflowId,
    String runId) {

  public ReleaseChange {
    toDir = toDir == null ? "" : toDir;
    fromDir = fromDir == null ? "" : fromDir;
    backupDir = backupDir == null ? "" : backupDir;
    version = version == null ? "" : version;
    kind = kind == null ? ReleaseEvent.Kind.DEPLOY : kind;
    workflowId = workflowId == null ? "" : workflowId;
    runId = runId == null ? "" : runId;
  }
}
