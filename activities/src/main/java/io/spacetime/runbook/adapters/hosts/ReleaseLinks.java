package io.spacetime.runbook.adapters.hosts;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.Sections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the release links of a layout in one round trip: where {@code production} and
 * {@code production.backup} lead (fully resolved, so a link to a link still names the real
 * directory), which directories exist next to them with the version each one's {@code VERSION}
 * file names, and the newest lines of the host's release history.
 */
final class ReleaseLinks {

  /** How much of the history is read: far more moves than any rollback decision looks back on. */
  static final int HISTORY_LINES = 500;

  /** The links as found; paths are absolute, empty when there is no such link. */
  record State(String currentPath, String backupPath, List<String> releaseDirs, Map<String, String> versions,
      List<ReleaseEvent> history, CommandRun run) {

    String currentDir() {
      return name(currentPath);
    }

    String backupDir() {
      return name(backupPath);
    }
  }

  /**
   * Every directory next to the link with the first line of its VERSION file (empty when it has
   * none), one per line as {@code name<TAB>version}.
   */
  private static final String DIRECTORIES = """
      for d in {parent}/*/; do
        test -d "$d" || continue
        d=${d%/}
        v=$(head -n 1 "$d/VERSION" 2>/dev/null | tr -d '\\t\\r' | cut -c 1-64)
        printf '%s\\t%s\\n' "${d##*/}" "$v"
      done""";

  private ReleaseLinks() {}

  static State read(RemoteShell shell, Layout layout) {
    String link = layout.productionLink();
    ShellCommand script = ShellCommand.sequence(List.of(
        resolved(link).asSection("current"),
        resolved(backupLink(layout)).asSection("backup"),
        ShellCommand.of("find", parent(link), "-mindepth", "1", "-maxdepth", "1", "-type", "d",
            "-name", name(link) + "-*", "-printf", "%f\\n").asSection("releases"),
        ShellCommand.template(DIRECTORIES, Map.of("parent", parent(link))).asSection("directories"),
        ShellCommand.ifThen(ShellCommand.of("test", "-f", layout.historyPath()),
            ShellCommand.of("tail", "-n", String.valueOf(HISTORY_LINES), layout.historyPath())).asSection("history")));
    CommandRun run = shell.run(script);
    Sections sections = run.sections();
    String current = sections.find("current").map(Sections.Section::trimmed).orElse("");
    String backup = sections.find("backup").map(Sections.Section::trimmed).orElse("");
    List<String> releases = lines(sections, "releases").stream().sorted().toList();
    Map<String, String> versions = new LinkedHashMap<>();
    for (String line : lines(sections, "directories")) {
      String[] parts = line.split("\t", 2);
      versions.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
    }
    List<ReleaseEvent> history = new ArrayList<>();
    for (String line : lines(sections, "history")) {
      ReleaseHistoryLine.parse(line).ifPresent(history::add);
    }
    return new State(current, backup, releases, versions, history, run);
  }

  static String backupLink(Layout layout) {
    return layout.productionLink() + ".backup";
  }

  /** {@code test -L link && readlink -f link}: empty output when there is no link. */
  private static ShellCommand resolved(String link) {
    return ShellCommand.of("test", "-L", link).and(ShellCommand.of("readlink", "-f", link));
  }

  private static List<String> lines(Sections sections, String name) {
    return sections.find(name).map(Sections.Section::trimmed)
        .map(text -> Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList())
        .orElse(List.of());
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The version a served directory holds: its VERSION file, else the version in its name. */
  static Optional<String> versionOf(State state, String dir, String productionName) {
    String fromFile = state.versions().getOrDefault(dir, "");
    if (!fromFile.isEmpty()) {
      return Optional.of(fromFile);
    }
    return io.spacetime.runbook.service.ReleaseDirs.versionInName(dir, productionName);
  }
}
