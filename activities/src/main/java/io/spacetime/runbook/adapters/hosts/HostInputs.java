package io.spacetime.runbook.adapters.hosts;

import static io.spacetime.runbook.adapters.AdapterFailures.CONFIGURATION_INVALID;
import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;

import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.environment.Layout;
import io.spacetime.runbook.hosts.HostTarget;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks on values that reach host commands, made before any command runs (quoting is the second
 * fence, not the only one), and the placeholder values for configured commands.
 */
final class HostInputs {

  private static final Pattern BACKUP_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private HostInputs() {}

  static String version(String version) {
    try {
      InputRules.check().version("version", version).orThrow("the release version");
    } catch (InvalidInputException e) {
      throw AdapterFailures.invalidInput(e);
    }
    return version;
  }

  /** A release directory name: {@code production-<version>}, nothing else. */
  static String releaseDir(Layout layout, String dir) {
    String prefix = layout.production() + "-";
    if (dir == null || !dir.startsWith(prefix) || !InputRules.VERSION.matcher(dir.substring(prefix.length())).matches()) {
      throw nonRetryable(AdapterFailures.INVALID_INPUT, "release directory \"" + printable(dir) + "\" is not a name like \""
          + layout.releaseDirName("v2.5.0") + "\"");
    }
    return dir;
  }

  static String backupId(String backupId) {
    if (backupId == null || !BACKUP_ID.matcher(backupId).matches()) {
      throw nonRetryable(AdapterFailures.INVALID_INPUT, "backup id \"" + printable(backupId)
          + "\" is not letters, digits, '.', '_' and '-' (at most 100), e.g. \"20251202_101500\"");
    }
    return backupId;
  }

  /** {@code {host}}, {@code {serviceAddress}} and, with a layout, {@code {deployRoot}}. */
  static Map<String, String> placeholders(HostTarget host, Layout layout) {
    Map<String, String> values = new HashMap<>();
    values.put("host", host.name());
    values.put("serviceAddress", host.serviceAddress());
    if (layout != null) {
      values.put("deployRoot", layout.deployRoot());
    }
    return values;
  }

  /** Commands run without a layout cannot use {@code {deployRoot}}: say so rather than run it unresolved. */
  static String withoutDeployRoot(String command, String what) {
    if (command != null && command.contains("{deployRoot}")) {
      throw nonRetryable(CONFIGURATION_INVALID, what + " uses {deployRoot}, which is not known where it runs;"
          + " use a path relative to its directory or an absolute path: " + command);
    }
    return command;
  }

  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
