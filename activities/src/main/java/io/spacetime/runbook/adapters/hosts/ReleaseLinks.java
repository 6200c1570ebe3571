package io.spacetime.runbook.adapters.hosts;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.Sections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.environment.Layout;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the release links of a layout in one round trip: where {@code production} and
 * {@code production.backup} lead (fully resolved, so a link to a link still names the real
 * directory) and which {@code production-*} directories exist.
 */
final class ReleaseLinks {

  /** The links as found; paths are absolute, empty when there is no such link. */
  record State(String currentPath, String backupPath, List<String> releaseDirs, CommandRun run) {

    String currentDir() {
      return name(currentPath);
    }

    String backupDir() {
      return name(backupPath);
    }
  }

  private ReleaseLinks() {}

  static State read(RemoteShell shell, Layout layout) {
    String link = layout.productionLink();
    ShellCommand script = ShellCommand.sequence(List.of(
        resolved(link).asSection("current"),
        resolved(backupLink(layout)).asSection("backup"),
        ShellCommand.of("find", parent(link), "-mindepth", "1", "-maxdepth", "1", "-type", "d",
            "-name", name(link) + "-*", "-printf", "%f\\n").asSection("releases")));
    CommandRun run = shell.run(script);
    Sections sections = run.sections();
    String current = sections.find("current").map(Sections.Section::trimmed).orElse("");
    String backup = sections.find("backup").map(Sections.Section::trimmed).orElse("");
    List<String> releases = sections.find("releases").map(Sections.Section::trimmed)
        .map(text -> Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).sorted().toList())
        .orElse(List.of());
    return new State(current, backup, releases, run);
  }

  static String backupLink(Layout layout) {
    return layout.productionLink() + ".backup";
  }

  /** {@code test -L link && readlink -f link}: empty output when there is no link. */
  private static ShellCommand resolved(String link) {
    return ShellCommand.of("test", "-L", link).and(ShellCommand.of("readlink", "-f", link));
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
