package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Incident 7 Scenario B on a host: backup archives piled up far beyond the retention, {@link #DAYS}
 * daily ones ({@code production_YYYYMMDD_HHMMSS.tar.gz}), {@link #WEEKS} weekly
 * ({@code production_weekly_...}) and {@link #MONTHS} monthly ({@code production_monthly_...}), one
 * day, week or 30 days apart, going back from now. Each is a real archive of the served release (so
 * whatever reads one finds a backup) and is dated both in its name and by its modification time,
 * so the retention rule and the runbook's {@code find -mtime} agree on what is beyond it.
 */
final class BackupPile {

  static final int DAYS = 30;
  static final int WEEKS = 12;
  static final int MONTHS = 12;

  private BackupPile() {}

  static ConditionRecord pile(SandboxHost host) throws IOException, InterruptedException {
    LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    Path template = ReleaseBackups.archive(host, ".backups-pile-template.tar.gz");
    List<Path> created = new ArrayList<>();
    try {
      for (int day = 1; day <= DAYS; day++) {
        created.add(copy(template, host, "production_", now.minusDays(day)));
      }
      for (int week = 1; week <= WEEKS; week++) {
        created.add(copy(template, host, "production_weekly_", now.minusDays(7L * week)));
      }
      for (int month = 1; month <= MONTHS; month++) {
        created.add(copy(template, host, "production_monthly_", now.minusDays(30L * month)));
      }
    } finally {
      Files.deleteIfExists(template);
    }
    List<Path> beyond = BackupRetention.beyond(datedArchives(host));
    return new ConditionRecord(Condition.BACKUPS_PILE, created.stream().map(Path::toString).toList(), null,
        beyond.stream().map(Path::toString).toList(), 0, System.currentTimeMillis());
  }

  /** Some archive beyond the retention is still there. */
  static boolean holds(ConditionRecord record) {
    return record.beyondRetention().stream().map(Path::of).anyMatch(Files::exists);
  }

  static void undo(ConditionRecord record) throws IOException {
    for (Path archive : record.files()) {
      Files.deleteIfExists(archive);
    }
  }

  private static Path copy(Path template, SandboxHost host, String prefix, LocalDateTime date) throws IOException {
    Path archive = host.backupsDir().resolve(prefix + ReleaseBackups.STAMP.format(date) + ".tar.gz");
    Files.copy(template, archive, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(archive, FileTime.from(date.atZone(ZoneId.systemDefault()).toInstant()));
    return archive;
  }

  private static List<Path> datedArchives(SandboxHost host) throws IOException {
    List<Path> archives = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(host.backupsDir(), "*.tar.gz")) {
      entries.forEach(archives::add);
    }
    return archives;
  }
}
