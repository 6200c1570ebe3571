package io.spacetime.runbook.adapters.hosts;

/**
 * {@code df -Pk PATH}: the POSIX format, one line per file system, sizes in KiB. Columns are found
 * around the capacity column ({@code 60%}), so spaces in a device or mount point do not shift them.
 */
public final class DfParser {

  /** Free space on the file system holding the path. */
  public record DiskSpace(long totalKib, long availableKib, String mountedOn) {
    public double availableGb() {
      return availableKib / 1024.0 / 1024.0;
    }
  }

  private DfParser() {}

  public static DiskSpace parse(String output) {
    for (String line : output.split("\n")) {
      String[] words = line.trim().split("\\s+");
      for (int i = 3; i < words.length; i++) {
        if (words[i].matches("\\d+%|-") && isNumber(words[i - 1]) && isNumber(words[i - 2]) && isNumber(words[i - 3])) {
          String mount = String.join(" ", java.util.Arrays.copyOfRange(words, i + 1, words.length));
          return new DiskSpace(Long.parseLong(words[i - 3]), Long.parseLong(words[i - 1]), mount);
        }
      }
    }
    throw new IllegalArgumentException("no file system line in df output: " + output.strip());
  }

  private static boolean isNumber(String word) {
    return word.matches("\\d+");
  }
}
