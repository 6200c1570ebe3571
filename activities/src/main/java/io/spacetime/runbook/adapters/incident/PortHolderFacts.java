package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.Layout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds a port, read in two round trips: {@code ss} for the port, then the holder's command
 * line and working directory, and where the deploy root and its release links lead, to tell
 * whether the holder runs from a release of the service.
 */
record PortHolderFacts(PortListeners.Seen seen, boolean alive, String commandLine, String workingDir, String startTime,
    boolean isService, List<CommandEvidence> commands) {

  private static final String FACTS = """
      test -d /proc/{pid} || exit {gone}
      echo "@state $(sed -n 's/^State:[[:space:]]*\\(.\\).*/\\1/p' /proc/{pid}/status 2>/dev/null)"
      echo "@cwd $(readlink -f /proc/{pid}/cwd 2>/dev/null)"
      echo "@cmd $(tr '\\000\\n' '  ' < /proc/{pid}/cmdline 2>/dev/null | cut -c 1-{chars})"
      echo "@start $(sed 's/^.*) //' /proc/{pid}/stat 2>/dev/null | cut -d' ' -f20)"
      echo "@root $(readlink -f {root})"
      echo "@current $(readlink -f {link} 2>/dev/null)"
      echo "@backup $(readlink -f {backupLink} 2>/dev/null)"
      exit 0""";

  static final int EXIT_GONE = 4;
  /** The command line is for the person who approves a kill: enough to recognise it, bounded. */
  static final int MAX_COMMAND_LINE_CHARS = 500;

  static PortHolderFacts read(RemoteShell shell, Layout layout, int port) {
    CommandRun listing = shell.run(PortListeners.command(port))
        .requireSuccess("listing listening sockets with ss (package iproute2)");
    PortListeners.Seen seen = PortListeners.parse(shell.host(), port, listing.stdout());
    if (seen.pid() <= 0) {
      return new PortHolderFacts(seen, false, "", "", "", false, List.of(listing.evidence()));
    }
    return forPid(shell, layout, seen, seen.pid(), listing);
  }

  static PortHolderFacts forPid(RemoteShell shell, Layout layout, PortListeners.Seen seen, int pid, CommandRun listing) {
    CommandRun run = shell.run(ShellCommand.template(FACTS, Map.of("pid", String.valueOf(pid),
        "gone", String.valueOf(EXIT_GONE), "chars", String.valueOf(MAX_COMMAND_LINE_CHARS), "root", layout.deployRoot(),
        "link", layout.productionLink(), "backupLink", layout.productionLink() + ".backup")));
    List<CommandEvidence> commands = List.of(listing.evidence(), run.evidence());
    if (run.exitCode() == EXIT_GONE) {
      return new PortHolderFacts(seen, false, "", "", "", false, commands);
    }
    run.requireSuccess("reading /proc/" + pid);
    Map<String, String> values = new LinkedHashMap<>();
    run.stdout().lines().filter(line -> line.startsWith("@")).forEach(line -> {
      int space = line.indexOf(' ');
      values.put(space < 0 ? line.substring(1) : line.substring(1, space), space < 0 ? "" : line.substring(space + 1).strip());
    });
    String state = values.getOrDefault("state", "");
    if (state.equals("Z") || state.equals("X")) {
      // Exited, not yet reaped by its parent: it holds nothing and cannot be signalled.
      return new PortHolderFacts(seen, false, "", "", "", false, commands);
    }
    String cwd = values.getOrDefault("cwd", "");
    boolean service = isRelease(cwd, values.getOrDefault("root", ""), layout.production(),
        values.getOrDefault("current", ""), values.getOrDefault("backup", ""));
    return new PortHolderFacts(seen, true, values.getOrDefault("cmd", ""), cwd, values.getOrDefault("start", ""), service,
        commands);
  }

  /**
   * The working directory is inside a release under the deploy root: the one {@code production}
   * or {@code production.backup} leads to, or any {@code production-*} directory next to them.
   */
  static boolean isRelease(String cwd, String root, String productionName, String current, String backup) {
    if (cwd.isEmpty() || root.isEmpty() || !cwd.startsWith(root + "/")) {
      return false;
    }
    for (String release : List.of(current, backup)) {
      if (!release.isEmpty() && !release.equals(root) && (cwd.equals(release) || cwd.startsWith(release + "/"))) {
        return true;
      }
    }
    String first = cwd.substring(root.length() + 1).split("/", 2)[0];
    return first.startsWith(productionName + "-");
  }
}
