package io.spacetime.runbook.sandbox.conditions;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident runbook's backup retention (Incident 7 Scenario B: keep 7 daily, 4 weekly, 3 monthly),
 * judged as the engine's settings describe it: by the date in the archive's name
 * ({@code production_YYYYMMDD_HHMMSS.tar.gz}; {@code *weekly*} and {@code *monthly*} are their own
 * kinds), the newest of each kind kept. An archive without such a date (3.1's
 * {@code production_pre_deploy_<id>.tar.gz}) is not judged here. The sandbox's own copy of the rule:
 * it tells which archives a correct pruning deletes.
 */
final class BackupRetention {

  static final int DAILY = 7;
  static final int WEEKLY = 4;
  static final int MONTHLY = 3;
  private static final Pattern DATED = Pattern.compile("\\d{8}_\\d{6}");

  private BackupRetention() {}

  /** The dated archives among {@code archives} beyond the retention. */
  static List<Path> beyond(List<Path> archives) {
    List<Path> beyond = new ArrayList<>();
    beyond.addAll(oldest(archives, "daily", DAILY));
    beyond.addAll(oldest(archives, "weekly", WEEKLY));
    beyond.addAll(oldest(archives, "monthly", MONTHLY));
    beyond.sort(null);
    return beyond;
  }

  private static List<Path> oldest(List<Path> archives, String kind, int keep) {
    List<Path> ofKind = archives.stream().filter(a -> kind(a).equals(kind) && date(a).isPresent())
        .sorted(Comparator.comparing((Path a) -> date(a).orElseThrow()).reversed()).toList();
    return ofKind.size() <= keep ? List.of() : ofKind.subList(keep, ofKind.size());
  }

  static String kind(Path archive) {
    String name = archive.getFileName().toString();
    return name.contains("monthly") ? "monthly" : name.contains("weekly") ? "weekly" : "daily";
  }

  static Optional<LocalDateTime> date(Path archive) {
    Matcher m = DATED.matcher(archive.getFileName().toString());
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(), ReleaseBackups.STAMP));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
