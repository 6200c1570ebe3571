package io.spacetime.runbook.environment;

/**
 * Every gate threshold, with the runbook's value as default (3.1 "Backup size is reasonable (> 100MB)",
 * Step 8 "CPU usage normal (< 50%)" and "Memory usage normal (< 4GB)" among them). An environment file overrides only
 * what differs (a sandbox on a laptop has less than 8 GB to spare).
 */
public record Thresholds(
    Double minDiskFreeGb,
    Double minMemoryAvailableGb,
    Double maxLoadPerCore,
    Integer minTlsValidityDays,
    Double loadTestMinSuccessPercent,
    Double loadTestMaxAverageMs,
    Double loadTestMaxP95Ms,
    Double maxAverageResponseMs,
    Integer startAttempts,
    Integer startupTimeoutSeconds,
    Integer maxErrorLogLines,
    Double minBackupSizeMb,
    Double maxServiceCpuPercent,
    Double maxServiceMemoryGb) {

  public Thresholds {
    minDiskFreeGb = orDefault(minDiskFreeGb, 20.0);
    minMemoryAvailableGb = orDefault(minMemoryAvailableGb, 8.0);
    maxLoadPerCore = orDefault(maxLoadPerCore, 0.5);
    minTlsValidityDays = minTlsValidityDays == null ? 30 : minTlsValidityDays;
    loadTestMinSuccessPercent = orDefault(loadTestMinSuccessPercent, 99.5);
    loadTestMaxAverageMs = orDefault(loadTestMaxAverageMs, 100.0);
    loadTestMaxP95Ms = orDefault(loadTestMaxP95Ms, 200.0);
    maxAverageResponseMs = orDefault(maxAverageResponseMs, 100.0);
    startAttempts = startAttempts == null ? 3 : startAttempts;
    startupTimeoutSeconds = startupTimeoutSeconds == null ? 60 : startupTimeoutSeconds;
    maxErrorLogLines = maxErrorLogLines == null ? 0 : maxErrorLogLines;
    minBackupSizeMb = orDefault(minBackupSizeMb, 100.0);
    maxServiceCpuPercent = orDefault(maxServiceCpuPercent, 50.0);
    maxServiceMemoryGb = orDefault(maxServiceMemoryGb, 4.0);
  }

  /** The runbook's numbers: 20 GB disk, 8 GB memory, load < 0.5 x cores, TLS 30 days, ... */
  public static Thresholds runbookDefaults() {
    return new Thresholds(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static Double orDefault(Double value, double fallback) {
    return value == null ? fallback : value;
  }
}
