package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.service.ReleaseDirs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release archives under {@code backups/}, newest first, and which of some wanted files each
 * holds. The format is the one {@code ReleaseActivitiesImpl.backupCurrentRelease} writes (3.1:
 * {@code tar -czf backups/production_pre_deploy_<id>.tar.gz -C <deploy root> production-v2.4.0}),
 * so a release file {@code scripts/vr_setup.gd} is the member {@code production-v2.4.0/scripts/vr_setup.gd};
 * the runbook's own {@code production_YYYYMMDD_HHMMSS.tar.gz} of {@code production/} reads the same
 * way. Only the newest {@link #MAX_ARCHIVES} are opened: each listing decompresses a whole archive.
 */
final class BackupArchives {

  static final int MAX_ARCHIVES = 20;

  /**
   * Newest first by modification time; for each archive, a {@code #archive} line, then one
   * {@code <wanted path><TAB><member>} line per wanted file it holds (the member's first directory
   * stripped for the comparison); stops after an archive that holds {@code stopAt} of them.
   */
  private static final String SEARCH = """
      find {backups} -maxdepth 1 -type f -name '*.tar.gz' -printf '%T@\\t%p\\n' 2>/dev/null | sort -rn \\
        | head -n {max} | cut -f 2- | while IFS= read -r a; do
        m=$(tar -tzf "$a" 2>/dev/null | W={wanted} awk 'BEGIN { n = split(ENVIRON["W"], list, "\\n"); for (i = 1; i <= n; i++) want[list[i]] = 1 }
          { p = $0; sub(/^(\\.\\/)?[^\\/]+\\//, "", p); if ((p in want) && !(p in seen)) { seen[p] = 1; print p "\\t" $0 } }')
        printf '#archive\\t%s\\n' "$a"
        if test -n "$m"; then printf '%s\\n' "$m"; fi
        if [ "$(printf '%s\\n' "$m" | grep -c .)" -ge {stopAt} ]; then break; fi
      done""";

  /** One archive and the wanted files it holds: release path -> member name in the archive. */
  record Holding(String archive, Map<String, String> members) {

    boolean holdsAll(List<String> wanted) {
      return members.keySet().containsAll(wanted);
    }
  }

  /** The archives looked at, newest first, with the command that listed them. */
  record Search(List<Holding> archives, CommandRun run) {

    /** The newest archive holding every one of {@code wanted}. */
    Optional<Holding> newestHoldingAll(List<String> wanted) {
      return archives.stream().filter(a -> a.holdsAll(wanted)).findFirst();
    }

    /** The newest archive holding {@code path}. */
    Optional<Holding> newestHolding(String path) {
      return archives.stream().filter(a -> a.members().containsKey(path)).findFirst();
    }
  }

  private BackupArchives() {}

  /** {@code wanted} are release-relative paths already checked by {@link IncidentInputs#scenePath}. */
  static Search search(RemoteShell shell, Layout layout, List<String> wanted) {
    CommandRun run = shell.transfer(ShellCommand.template(SEARCH, Map.of("backups", layout.backupsPath(),
        "max", String.valueOf(MAX_ARCHIVES), "wanted", String.join("\n", wanted),
        "stopAt", String.valueOf(wanted.size()))));
    return new Search(parse(run.stdout(), wanted), run);
  }

  static List<Holding> parse(String output, List<String> wanted) {
    List<Holding> archives = new ArrayList<>();
    String archive = null;
    Map<String, String> members = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("#archive\t")) {
        if (archive != null) {
          archives.add(new Holding(archive, Map.copyOf(members)));
        }
        archive = line.substring("#archive\t".length());
        members = new LinkedHashMap<>();
        continue;
      }
      int tab = line.indexOf('\t');
      if (archive == null || tab < 0) {
        continue;
      }
      String path = line.substring(0, tab);
      String member = line.substring(tab + 1);
      if (wanted.contains(path) && safeMember(member, path)) {
        members.putIfAbsent(path, member);
      }
    }
    if (archive != null) {
      archives.add(new Holding(archive, Map.copyOf(members)));
    }
    return archives;
  }

  /**
   * A member name that is the path itself or the path under one release directory: never an option
   * ({@code -...}) or anything else tar would read as more than a member name.
   */
  static boolean safeMember(String member, String path) {
    if (member.equals(path)) {
      return true;
    }
    String top = member.startsWith("./") ? member.substring(2) : member;
    if (!top.endsWith("/" + path)) {
      return false;
    }
    return ReleaseDirs.safe(top.substring(0, top.length() - path.length() - 1));
  }
}
