package io.spacetime.runbook.adapters.hosts;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;

import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.service.ReleaseDirs;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks on values that reach host commands, made before any command runs (quoting is the second
 * fence, not the only one), and the placeholder values for configured commands.
 */
final class HostInputs {

  private static final Pattern BACKUP_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** A monitoring server as {@code host:port}. */
  record Endpoint(String host, int port) {}

  private HostInputs() {}

  static String version(String version) {
    try {
      InputRules.check().version("version", version).orThrow("the release version");
    } catch (InvalidInputException e) {
      throw AdapterFailures.invalidInput(e);
    }
    return version;
  }

  /**
   * A release directory name next to the production link: any safe name (a release made by hand
   * may be called {@code spacetime-2025-11}), never a path.
   */
  static String releaseDir(Layout layout, String dir) {
    if (!ReleaseDirs.safe(dir)) {
      throw nonRetryable(FailureTypes.INVALID_INPUT, "release directory \"" + printable(dir) + "\" is not a directory"
          + " name (letters, digits and . _ + -, not starting with . or -), e.g. \"" + layout.releaseDirName("v2.5.0") + "\"");
    }
    return dir;
  }

  /** A directory of ours for {@code version}: {@code production-v2.5.0} or {@code production-v2.5.0+2}. */
  static String releaseDirOf(Layout layout, String version, String dir) {
    version(version);
    if (dir == null || !ReleaseDirs.isReleaseOf(dir, layout.production(), version)) {
      throw nonRetryable(FailureTypes.INVALID_INPUT, "release directory \"" + printable(dir) + "\" is not a directory"
          + " for " + version + " (\"" + layout.releaseDirName(version) + "\" or \"" + layout.releaseDirName(version) + "+2\")");
    }
    return dir;
  }

  /** The directory production.backup will point at: a release directory, or empty for none. */
  static String optionalReleaseDir(Layout layout, String dir) {
    return dir == null || dir.isEmpty() ? "" : releaseDir(layout, dir);
  }

  static String backupId(String backupId) {
    if (backupId == null || !BACKUP_ID.matcher(backupId).matches()) {
      throw nonRetryable(FailureTypes.INVALID_INPUT, "backup id \"" + printable(backupId)
          + "\" is not letters, digits, '.', '_' and '-' (at most 100), e.g. \"20251202_101500\"");
    }
    return backupId;
  }

  static String hostname(String name, String field) {
    if (name == null || !InputRules.HOSTNAME.matcher(name).matches()) {
      throw nonRetryable(CONFIGURATION_INVALID, field + " \"" + printable(name)
          + "\" is not a host name or address (letters, digits, '.', '-', ':'), e.g. \"api.internal.company.com\"");
    }
    return name;
  }

  /** {@code host:port} (an IPv6 address as {@code [::1]:9090}). */
  static Endpoint endpoint(String endpoint, String field) {
    int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
    if (colon > 0 && colon < endpoint.length() - 1) {
      String host = endpoint.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
      String port = endpoint.substring(colon + 1);
      if (InputRules.HOSTNAME.matcher(host).matches() && port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65535) {
        return new Endpoint(host, Integer.parseInt(port));
      }
    }
    throw nonRetryable(CONFIGURATION_INVALID, field + " entry \"" + printable(endpoint)
        + "\" is not host:port, e.g. \"prometheus.internal:9090\"");
  }

  static String relativePath(String path, String field) {
    if (path == null || !InputRules.RELATIVE_PATH.matcher(path).matches()) {
      throw nonRetryable(CONFIGURATION_INVALID, field + " entry \"" + printable(path) + "\" is not a path inside"
          + " the release (letters, digits, . _ + - and /, not starting with / and without ..), e.g. \"addons/x/y.gd\"");
    }
    return path;
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
