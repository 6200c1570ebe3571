package io.spacetime.runbook.service;

import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.Versions;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of release directories. A deployment copies into {@code production-<version>} when no
 * directory of that name exists, otherwise into {@code production-<version>+<n>} (the next free
 * build number, SemVer's build-metadata form): it never writes into a directory that serves, that
 * a rollback would restore, or that an earlier run left behind. Pure: workflow code and adapters.
 */
public final class ReleaseDirs {

  /**
   * A directory name the engine will point {@code production} at or restore: letters, digits,
   * {@code . _ + -}, not starting with a dot or dash, no slash. Releases made by hand may have any
   * such name ({@code spacetime-2025-11}); only ours follow {@code production-<version>[+n]}.
   */
  public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}");

  private static final Pattern BUILD = Pattern.compile("(.*)\\+([0-9]{1,4})");

  private ReleaseDirs() {}

  /** The directory a deployment of {@code version} copies into, given the directories that exist. */
  public static String freshFor(String productionName, String version, Collection<String> existing) {
    String base = productionName + "-" + version;
    if (!existing.contains(base)) {
      return base;
    }
    int build = 2;
    while (existing.contains(base + "+" + build)) {
      build++;
    }
    return base + "+" + build;
  }

  /** The version in a name of ours: {@code production-v2.5.0+2} -> {@code v2.5.0}. */
  public static Optional<String> versionInName(String dir, String productionName) {
    String prefix = productionName + "-";
    if (!dir.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = dir.substring(prefix.length());
    Matcher build = BUILD.matcher(rest);
    String version = build.matches() ? build.group(1) : rest;
    return InputRules.VERSION.matcher(version).matches() ? Optional.of(version) : Optional.empty();
  }

  /** True for a name of ours for {@code version}: {@code production-v2.5.0} or {@code production-v2.5.0+3}. */
  public static boolean isReleaseOf(String dir, String productionName, String version) {
    return versionInName(dir, productionName).map(v -> Versions.sameRelease(v, version)).orElse(false);
  }

  public static boolean safe(String dir) {
    return dir != null && SAFE_NAME.matcher(dir).matches() && !dir.equals("..");
  }
}
