package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 3.1: the backup of the current release and its configuration, verified by listing the
 * archive ({@code tar -tzf}).
 *
 * @param archive absolute path of {@code backups/production_pre_deploy_<id>.tar.gz}
 * @param entries number of entries the verification listed
 * @param configCopies config files copied next to it ({@code backups/.env.<id>}, ...)
 * @param configAbsent config files the release does not have, recorded as absent
 *     ({@code backups/.env.<id>.absent}), so the undo of Step 4 restores "no config"
 * @param reused true when a verified archive with this id already existed (a retried activity)
 */
public record BackupArchive(
    String host,
    String archive,
    long sizeBytes,
    int entries,
    boolean verified,
    List<String> configCopies,
    boolean reused,
    List<CommandEvidence> commands,
    List<String> configAbsent) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public BackupArchive {
    host = host == null ? "" : host;
    archive = archive == null ? "" : archive;
    configCopies = configCopies == null ? List.of() : configCopies;
    commands = commands == null ? List.of() : commands;
    configAbsent = configAbsent == null ? List.of() : configAbsent;
  }

  /** A backup whose release had every config file. */
  public BackupArchive(String host, String archive, long sizeBytes, int entries, boolean verified,
      List<String> configCopies, boolean reused, List<CommandEvidence> commands) {
    this(host, archive, sizeBytes, entries, verified, configCopies, reused, commands, List.of());
  }
}
