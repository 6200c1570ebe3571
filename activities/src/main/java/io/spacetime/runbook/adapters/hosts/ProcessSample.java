package io.spacetime.runbook.adapters.hosts;

/**
 * One reading of a process's CPU time ({@code /proc/<pid>/stat}) with the host's uptime
 * ({@code /proc/uptime}) when it was taken: two readings give the CPU share between them.
 *
 * @param cpuTicks user plus system time, in clock ticks ({@code getconf CLK_TCK} per second)
 */
record ProcessSample(long cpuTicks, double uptimeSeconds) {

  /**
   * The reading, or null when either file was not read (the process exited, or /proc is not
   * readable). The command name in {@code stat} is in parentheses and may hold spaces, so the
   * fields are counted after its closing parenthesis: utime and stime are fields 14 and 15.
   */
  static ProcessSample parse(String stat, String uptime) {
    int end = stat.lastIndexOf(')');
    if (end < 0 || uptime.isBlank()) {
      return null;
    }
    String[] fields = stat.substring(end + 1).trim().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    if (fields.length < 13) {
      return null;
    }
    try {
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      double up = Double.parseDouble(uptime.trim().split("\\s+")[0]);
      return new ProcessSample(ticks, up);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code VmRSS:   123456 kB} in bytes; -1 when absent. */
  static long residentBytes(String status) {
    String[] words = status.trim().split("\\s+");
    if (words.length >= 2 && words[0].equals("VmRSS:")) {
      try {
        return Long.parseLong(words[1]) * 1024;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  static long ticksPerSecond(String clock) {
    try {
      return Long.parseLong(clock.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
