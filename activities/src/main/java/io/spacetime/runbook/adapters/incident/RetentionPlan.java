package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.ports.incident.BackupRetention;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Incident 7 Scenario B's retention applied to the archive names under {@code backups/}: the
 * newest {@code daily} daily, {@code weekly} weekly and {@code monthly} monthly archives are kept by
 * the date in their names, everything older of each kind is deleted. Counted by archive, not by
 * day: two deployments on one day leave two daily archives, and the newest ones are always kept.
 *
 * <p>Only names the runbook's scheme dates are ever deleted: daily {@code production_YYYYMMDD[_HHMMSS]...tar.gz},
 * weekly and monthly any {@code .tar.gz} whose name says {@code weekly} / {@code monthly} and holds
 * a date. Everything else is kept and counted, notably the deployments' own
 * {@code production_pre_deploy_<run>.tar.gz} rollback points, whose names carry a run id, not a date.
 */
final class RetentionPlan {

  enum Kind { DAILY, WEEKLY, MONTHLY }

  /** One archive with its kind and the date its name holds. */
  record Archive(String name, long bytes, Kind kind, LocalDateTime date) {}

  /** What to delete and what is kept, each kind newest first. */
  record Plan(List<Archive> keep, List<Archive> delete) {}

  private static final Pattern DAILY = Pattern.compile("production_(\\d{8})(?:_(\\d{6}))?(?![0-9]).*\\.tar\\.gz");
  private static final Pattern DATE = Pattern.compile("(?<![0-9])(\\d{8})(?:[_-]?(\\d{6}))?(?![0-9])");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
      .withResolverStyle(ResolverStyle.STRICT);

  private RetentionPlan() {}

  static Plan plan(List<Archive> archives, BackupRetention retention) {
    List<Archive> keep = new ArrayList<>();
    List<Archive> delete = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      int limit = switch (kind) {
        case DAILY -> retention.daily();
        case WEEKLY -> retention.weekly();
        case MONTHLY -> retention.monthly();
      };
      List<Archive> ofKind = archives.stream().filter(a -> a.kind() == kind)
          .sorted(Comparator.comparing(Archive::date).thenComparing(Archive::name).reversed()).toList();
      keep.addAll(ofKind.subList(0, Math.min(limit, ofKind.size())));
      delete.addAll(ofKind.subList(Math.min(limit, ofKind.size()), ofKind.size()));
    }
    return new Plan(keep, delete);
  }

  /** The archive a file name describes, or empty when the runbook's naming does not date it. */
  static Optional<Archive> classify(String name, long bytes) {
    if (!name.endsWith(".tar.gz")) {
      return Optional.empty();
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    Kind kind = lower.contains("monthly") ? Kind.MONTHLY : lower.contains("weekly") ? Kind.WEEKLY : Kind.DAILY;
    Matcher m = (kind == Kind.DAILY ? DAILY : DATE).matcher(name);
    boolean found = kind == Kind.DAILY ? m.matches() : m.find();
    if (!found) {
      return Optional.empty();
    }
    try {
      LocalDateTime date = LocalDateTime.parse(m.group(1) + (m.group(2) == null ? "000000" : m.group(2)), STAMP);
      return Optional.of(new Archive(name, bytes, kind, date));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
