package io.spacetime.runbook.ports.hosts;

import io.temporal.activity.ActivityInterface;

/**
 * Changes to a host's release directories. Each one is idempotent: run twice (an activity retry
 * after a lost response), it leaves the host as running it once would.
 */
@ActivityInterface
public interface ReleaseActivities {

  /**
   * 3.1: archives the current release into {@code backups/production_pre_deploy_<backupId>.tar.gz},
   * copies its {@code .env} and {@code project.godot} beside it (a file the release does not have
   * is recorded as absent, so its undo restores the absence), and verifies the archive.
   */
  BackupArchive backupCurrentRelease(HostContext host, String backupId);

  /**
   * Step 3: synchronises {@code staging/} into {@code releaseDir}, a directory of ours for
   * {@code version} ({@code production-v2.5.0} or {@code production-v2.5.0+2}). Refuses to write
   * into the directory the production link or {@code production.backup} points at: a release that
   * serves, or would be rolled back to, is never changed in place.
   */
  ReleaseCopy copyRelease(HostContext host, String version, String releaseDir);

  /**
   * Step 3, and Step 2 of the Emergency Rollback Procedure: points {@code production} at
   * {@code change.toDir()} atomically (a new link renamed over the old one), points
   * {@code production.backup} at {@code change.backupDir()} (removed when empty), and appends the
   * move to the host's release history. {@code toDir} must be an existing directory next to the
   * link. A retried switch finds the link in place and records the move once.
   */
  ReleaseSwitch switchRelease(HostContext host, ReleaseChange change);

  /**
   * The undo of Step 3: puts both links back exactly as they were before the deployment
   * ({@code production} at {@code change.toDir()}, {@code production.backup} at
   * {@code change.backupDir()}, removed when empty) and records the undo in the release history, so
   * the failed release counts as rolled back and a later Emergency Rollback never restores it.
   */
  ReleaseSwitch restoreRelease(HostContext host, ReleaseChange change);

  /** Step 4: installs the environment's config as {@code <releaseDir>/.env} and reads its ports back. */
  ConfigInstall installConfig(HostContext host, String releaseDir);

  /**
   * Rollback of Step 4: puts the config files saved by {@link #backupCurrentRelease} with
   * {@code backupId} back into {@code releaseDir}; a file recorded as absent is removed.
   */
  ConfigInstall restoreConfig(HostContext host, String releaseDir, String backupId);
}
