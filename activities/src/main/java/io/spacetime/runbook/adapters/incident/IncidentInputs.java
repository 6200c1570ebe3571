package io.spacetime.runbook.adapters.incident;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;

import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.ports.incident.DiskSettings;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for the incident settings that reach host commands, in one place: the environment
 * validator checks them when a file is loaded, and the adapters check them again before any command
 * runs (quoting is the second fence, not the only one).
 */
public final class IncidentInputs {

  /**
   * A temp file name glob: a literal prefix of at least three safe characters, optionally ending in
   * {@code *} ({@code godot-*}, {@code spacetime-*}). Never {@code *} alone, never a {@code /}, never
   * starting with a dot or dash: {@code .*} would match every hidden file in {@code /tmp}.
   */
  public static final Pattern TEMP_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,}\\*?");

  /** An absolute directory of safe segments, not {@code /} itself and without {@code ..}: {@code /tmp}, {@code /var/tmp}. */
  public static final Pattern ABSOLUTE_DIR = Pattern.compile("(/(?!\\.\\.?(/|$))[A-Za-z0-9._+-]+)+");

  /** What an operator can write for a temp pattern, for messages. */
  public static final String TEMP_PATTERN_RULE = "a file name prefix of at least 3 letters, digits or . _ -,"
      + " starting with a letter or digit, optionally ending in * (e.g. \"godot-*\"); never \"*\" alone or a path";

  public static final String ABSOLUTE_DIR_RULE = "an absolute directory other than / (letters, digits, . _ + - and /,"
      + " without ..), e.g. \"/tmp\"";

  public static final String RELATIVE_PATH_RULE = "a path inside the deploy root or release (letters, digits,"
      + " . _ + - and /, not starting with / and without ..)";

  private IncidentInputs() {}

  /** The disk settings as they reach {@code find}, {@code gzip} and {@code rm}, or a failure naming the field. */
  static DiskSettings disk(DiskSettings disk) {
    if (disk == null) {
      return DiskSettings.defaults();
    }
    relativePath(disk.logsDir(), "incident.disk.logsDir");
    if (disk.logMaxAgeDays() < 1 || disk.logMaxAgeDays() > 3650) {
      throw configuration("incident.disk.logMaxAgeDays is " + disk.logMaxAgeDays() + "; use 1 to 3650 days");
    }
    if (disk.quotaMb() < 0) {
      throw configuration("incident.disk.quotaMb is " + disk.quotaMb() + "; use 0 (the file system's use) or a quota in MB");
    }
    tempDirs(disk.tempDirs());
    tempPatterns(disk.tempPatterns());
    return disk;
  }

  static List<String> tempDirs(List<String> dirs) {
    for (int i = 0; i < dirs.size(); i++) {
      String dir = dirs.get(i);
      if (dir == null || !ABSOLUTE_DIR.matcher(dir).matches()) {
        throw configuration("incident.disk.tempDirs[" + i + "] \"" + printable(dir) + "\" is not " + ABSOLUTE_DIR_RULE);
      }
    }
    return dirs;
  }

  static List<String> tempPatterns(List<String> patterns) {
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i);
      if (pattern == null || !TEMP_PATTERN.matcher(pattern).matches()) {
        throw configuration("incident.disk.tempPatterns[" + i + "] \"" + printable(pattern) + "\" is not "
            + TEMP_PATTERN_RULE);
      }
    }
    return patterns;
  }

  static String relativePath(String path, String field) {
    if (path == null || !InputRules.RELATIVE_PATH.matcher(path).matches()) {
      throw configuration(field + " \"" + printable(path) + "\" is not " + RELATIVE_PATH_RULE + ", e.g. \"vr_main.tscn\"");
    }
    return path;
  }

  /** A scene path given by the workflow (from {@code incident.scenes} or a report's {@code missing}). */
  static String scenePath(String path) {
    if (path == null || !InputRules.RELATIVE_PATH.matcher(path).matches()) {
      throw nonRetryable(INVALID_INPUT, "scene file \"" + printable(path) + "\" is not " + RELATIVE_PATH_RULE
          + ", e.g. \"vr_main.tscn\" or \"scripts/vr_setup.gd\"");
    }
    return path;
  }

  static int port(int port) {
    if (port < 1 || port > 65535) {
      throw nonRetryable(INVALID_INPUT, "port " + port + " is not a TCP port (1 to 65535)");
    }
    return port;
  }

  static int range(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw nonRetryable(INVALID_INPUT, what + " is " + value + "; use " + min + " to " + max);
    }
    return value;
  }

  static String printable(String value) {
    return value == null ? "" : InputRules.printable(value);
  }

  private static io.temporal.failure.ApplicationFailure configuration(String message) {
    return nonRetryable(CONFIGURATION_INVALID, message + " (fix it in the environment file)");
  }
}
