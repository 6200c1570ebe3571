package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.ports.incident.DiskUsageReport.SizedPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lines of {@code <size><TAB><path>}, as {@code du -sk} and {@code find -printf '%s\t%p\n'} print
 * them, parsed into sizes in bytes; lines that are not of that form (a warning on stdout) are skipped.
 */
final class SizedLines {

  static final long KIB = 1024;

  private SizedLines() {}

  /** @param unit bytes per unit of the size column: 1 for {@code find -printf %s}, {@link #KIB} for {@code du -k} */
  static List<SizedPath> parse(String text, long unit) {
    List<SizedPath> paths = new ArrayList<>();
    for (String line : text.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab <= 0 || tab == line.length() - 1) {
        continue;
      }
      try {
        paths.add(new SizedPath(line.substring(tab + 1), Long.parseLong(line.substring(0, tab).trim()) * unit));
      } catch (NumberFormatException e) {
        // Not a size line.
      }
    }
    return paths;
  }

  static List<SizedPath> largestFirst(List<SizedPath> paths, int limit) {
    return paths.stream().sorted(Comparator.comparingLong(SizedPath::bytes).reversed().thenComparing(SizedPath::path))
        .limit(limit).toList();
  }

  static long total(List<SizedPath> paths) {
    return paths.stream().mapToLong(SizedPath::bytes).sum();
  }

  /** {@code 1.2 GB}, {@code 340 KB}: for one-line summaries. */
  static String human(long bytes) {
    String[] units = {"bytes", "KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
