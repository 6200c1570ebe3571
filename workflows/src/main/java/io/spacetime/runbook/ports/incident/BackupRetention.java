package io.spacetime.runbook.ports.incident;

/**
 * Incident 7 Scenario B's retention: the newest {@code daily} daily archives, {@code weekly} weekly
 * and {@code monthly} monthly ones are kept (runbook: 7, 4, 3), by the archive's date in its name
 * ({@code production_YYYYMMDD_HHMMSS.tar.gz}, {@code *weekly*}, {@code *monthly*}); everything older is deleted.
 */
public record BackupRetention(Integer daily, Integer weekly, Integer monthly) {

  public BackupRetention {
    daily = daily == null ? 7 : daily;
    weekly = weekly == null ? 4 : weekly;
    monthly = monthly == null ? 3 : monthly;
  }

  public static BackupRetention runbookDefaults() {
    return new BackupRetention(null, null, null);
  }
}
