package io.spacetime.runbook.adapters.hosts;

/** {@code /proc/loadavg} ("0.11 0.17 0.10 2/81 5652") and {@code nproc}: what {@code uptime} shows, parsed. */
public final class LoadAvgParser {

  private LoadAvgParser() {}

  /** The 1-minute load average. */
  public static double oneMinute(String loadavg) {
    String[] words = loadavg.trim().split("\\s+");
    try {
      return Double.parseDouble(words[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("/proc/loadavg does not start with a number: " + loadavg.strip());
    }
  }

  /** The output of {@code nproc}. */
  public static int cores(String nproc) {
    try {
      return Integer.parseInt(nproc.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("nproc printed no number: " + nproc.strip());
    }
  }
}
