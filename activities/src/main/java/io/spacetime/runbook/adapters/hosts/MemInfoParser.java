package io.spacetime.runbook.adapters.hosts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /proc/meminfo}'s {@code MemAvailable}: the kernel's estimate of memory available to new
 * work without swapping, which is what {@code free} shows as "available" (the runbook's column).
 */
public final class MemInfoParser {

  private static final Pattern AVAILABLE = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+)\\s*kB");

  private MemInfoParser() {}

  public static double availableGb(String meminfo) {
    Matcher m = AVAILABLE.matcher(meminfo);
    if (!m.find()) {
      throw new IllegalArgumentException("no MemAvailable line in /proc/meminfo (Linux 3.14 or later is needed)");
    }
    return Long.parseLong(m.group(1)) / 1024.0 / 1024.0;
  }
}
