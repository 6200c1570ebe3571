package io.spacetime.runbook.hosts;

import io.spacetime.runbook.environment.Layout;
import io.temporal.activity.ActivityInterface;

/**
 * Changes to a host's release directories. Each one is idempotent: run twice (an activity retry
 * after a lost response), it leaves the host as running it once would.
 */
@ActivityInterface
public interface ReleaseActivities {

  /**
   * 3.1: archives the current release into {@code backups/production_pre_deploy_<backupId>.tar.gz},
   * copies its {@code .env} and {@code project.godot} beside it, and verifies the archive.
   */
  BackupArchive backupCurrentRelease(HostTarget host, Layout layout, String backupId);

  /** Step 3: synchronises {@code staging/} into {@code production-<version>/}. */
  ReleaseCopy copyRelease(HostTarget host, Layout layout, String version);

  /**
   * Step 3 and its rollback point: points {@code production} at {@code toDir} atomically
   * (a new link renamed over the old one) and records the old target as {@code production.backup}.
   * {@code toDir} must be an existing {@code production-<version>} directory name.
   */
  ReleaseSwitch switchRelease(HostTarget host, Layout layout, String toDir);

  /**
   * The undo of Step 3: puts both links back exactly as they were before the deployment —
   * {@code production} at {@code productionDir} and {@code production.backup} at {@code backupDir}
   * (removed when empty) — so a later Emergency Rollback finds the same target it would have found
   * before the failed deployment, not the failed release.
   */
  ReleaseSwitch restoreRelease(HostTarget host, Layout layout, String productionDir, String backupDir);

  /** Step 4: installs the environment's config as {@code <releaseDir>/.env} and reads its ports back. */
  ConfigInstall installConfig(HostTarget host, Layout layout, String releaseDir);

  /**
   * Rollback of Step 4: puts the config files saved by {@link #backupCurrentRelease} with
   * {@code backupId} back into {@code releaseDir}.
   */
  ConfigInstall restoreConfig(HostTarget host, Layout layout, String releaseDir, String backupId);
}
