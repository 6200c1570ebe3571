package io.spacetime.runbook.adapters.incident;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.Sections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.incident.BackupRetention;
import io.spacetime.runbook.ports.incident.DiskSettings;
import io.spacetime.runbook.ports.incident.DiskUsageReport.SizedPath;
import io.spacetime.runbook.ports.incident.MitigationActivities;
import io.spacetime.runbook.ports.incident.MitigationReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MitigationActivities} over SSH. Each action first reads what there is to do, then acts
 * only on what it read, and reports what it did from the host's answer: a second run finds nothing
 * left and says {@code changed=false}. Deletions name each file (never a broad {@code rm}), files
 * that exist are never overwritten, and a process is signalled only after re-checking, on the host,
 * that it is the one that was approved.
 *
 * <p>Timeouts: {@code ssh.commandTimeoutSeconds}, except {@link #compressOldLogs} and
 * {@link #restoreSceneFiles} (gzip of large logs, decompressing backup archives), which run under
 * {@code ssh.transferTimeoutSeconds}.
 */
public final class MitigationActivitiesImpl implements MitigationActivities {

  private static final Logger log = LoggerFactory.getLogger(MitigationActivitiesImpl.class);

  static final int MAX_AFFECTED = 100;
  static final int MAX_FILES = 1000;
  static final int MAX_RESTORE = 200;
  static final int MAX_EVERY_HOURS = 168;
  /** How long a process has after TERM before KILL; never more than a third of the command's own limit. */
  static final int GRACE_SECONDS = 10;
  static final String MARKER = ".runbook-scheduled-restart";

  /**
   * One old log: gzip beside the archive under a temporary name, renamed into place, its age kept
   * ({@code touch -r}, so {@code backups/logs} can be aged out by date), and only then the log
   * removed. An archive of the same name from an earlier week is never overwritten: the new one
   * gets the log's modification time in its name.
   */
  private static final String COMPRESS = """
      test -f {file} || exit 0
      s=$(stat -c %s {file})
      t={target}.gz
      if test -e "$t"; then t={target}.$(date -r {file} +%Y%m%d%H%M%S).gz; fi
      gzip -c -- {file} > "$t.partial" && touch -r {file} "$t.partial" && mv -f "$t.partial" "$t" \\
        || { rm -f "$t.partial"; exit 1; }
      rm -f -- {file} || exit 1
      printf 'moved\\t%s\\t%s\\t%s\\n' "$s" "$(stat -c %s "$t")" "$t"
      """;

  /** Every core dump found is removed by its own name and reported only once it is gone. */
  private static final String REMOVE_CORES = """
      find {root} -xdev -type f -regextype posix-extended -regex '.*/core\\.[0-9]+' -printf '%s\\t%p\\n' 2>/dev/null \\
        | head -n {max} | while IFS="$(printf '\\t')" read -r s p; do
        rm -f -- "$p" && ! test -e "$p" && printf '%s\\t%s\\n' "$s" "$p"
      done
      exit 0""";

  /** Entries of one temp directory matching one configured pattern, each removed by name (the runbook's {@code rm -rf /tmp/godot-*}). */
  private static final String REMOVE_TEMP = """
      find {dir} -mindepth 1 -maxdepth 1 -name {pattern} \\( -type f -o -type d \\) -print 2>/dev/null | head -n {max} \\
        | while IFS= read -r p; do
        s=$(du -sb -- "$p" 2>/dev/null | cut -f 1)
        rm -rf --one-file-system -- "$p" && ! test -e "$p" && printf '%s\\t%s\\n' "${s:-0}" "$p"
      done
      exit 0""";

  private static final String LIST_ARCHIVES = "find {backups} -maxdepth 1 -type f -name '*.tar.gz' -printf '%s\\t%f\\n'"
      + " 2>/dev/null";
  private static final String REMOVE_FILE = "rm -f -- {file} && ! test -e {file} && printf 'deleted\\t%s\\n' {name}";

  /**
   * TERM, a grace, then KILL, for the process that was checked: its start time must still be the one
   * read before, at every look (a pid reused by a new process, even during the grace, is never
   * signalled, and is not taken for the holder having survived). An exited process that its parent
   * has not reaped yet (a zombie) counts as gone.
   */
  private static final String END_PROCESS = """
      alive() {
        test -d /proc/{pid} && ! grep -q '^State:[[:space:]]*[ZX]' /proc/{pid}/status 2>/dev/null \\
          && [ "$(sed 's/^.*) //' /proc/{pid}/stat 2>/dev/null | cut -d' ' -f20)" = {start} ]
      }
      if ! alive; then echo gone; exit 0; fi
      kill -TERM {pid} || { if alive; then exit 1; fi; echo gone; exit 0; }
      i=0
      while alive && [ "$i" -lt {graceTenths} ]; do sleep 0.1; i=$((i + 1)); done
      if ! alive; then echo terminated; exit 0; fi
      alive && kill -KILL {pid} 2>/dev/null
      i=0
      while alive && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
      if alive; then echo survived; else echo killed; fi""";

  private static final String EXISTS = "if test -e {file} || test -L {file}; then echo present; else echo absent; fi";

  /** One restored file: moved from the extraction into the release only where nothing is. */
  private static final String PLACE = """
      if test -e {target} || test -L {target}; then printf 'exists\\t%s\\n' {path}
      elif test -f {extracted}; then
        mkdir -p {targetDir} && mv -n {extracted} {target} && chmod 644 {target} \\
          && printf 'restored\\t%s\\t%s\\n' {path} "$(wc -c < {target})"
      else printf 'absent\\t%s\\n' {path}
      fi""";

  private static final String FIX_MODES = "find {release} -type f \\( -name '*.tscn' -o -name '*.gd' \\) ! -perm 644"
      + " -exec chmod 644 {} \\; -print 2>/dev/null | head -n {max}";

  private static final String WRITE_MARKER = "printf '%s\\n' {stamp} > {marker}.partial && mv -f {marker}.partial {marker}";

  private final HostConnections connections;

  public MitigationActivitiesImpl(HostConnections connections) {
    this.connections = connections;
  }

  @Override
  public MitigationReport compressOldLogs(HostContext context, DiskSettings settings) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    DiskSettings disk = IncidentInputs.disk(settings, context.layout());
    String logs = layout.resolve(disk.logsDir());
    String archive = layout.backupsPath() + "/logs";
    RemoteShell shell = connections.on(host);
    CommandRun listing = shell.run(ShellCommand.template(InvestigationActivitiesImpl.OLD_LOGS, Map.of("logs", logs,
        "minutes", String.valueOf(disk.logMaxAgeDays() * 24 * 60), "max", String.valueOf(MAX_FILES))));
    List<SizedPath> old = SizedLines.parse(listing.stdout(), 1);
    String what = "*.log files older than " + disk.logMaxAgeDays() + " days in " + logs;
    if (old.isEmpty()) {
      return unchanged(host, "compressOldLogs", "no " + what, List.of(listing.evidence()));
    }
    List<ShellCommand> script = new ArrayList<>(List.of(ShellCommand.of("mkdir", "-p", archive).asSection("mkdir")));
    for (int i = 0; i < old.size(); i++) {
      String file = old.get(i).path();
      script.add(ShellCommand.template(COMPRESS, Map.of("file", file, "target", archive + "/" + name(file)))
          .subshell().asSection("log-" + i));
    }
    CommandRun run = shell.transfer(ShellCommand.sequence(script));
    requireSection(run, "mkdir", "creating " + archive);
    long freed = 0;
    long written = 0;
    List<String> moved = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Sections out = run.sections();
    for (int i = 0; i < old.size(); i++) {
      Sections.Section section = out.find("log-" + i).orElse(new Sections.Section("", -1));
      String[] fields = section.trimmed().split("\t");
      if (section.succeeded() && fields.length == 4 && fields[0].equals("moved")) {
        freed += parseLong(fields[1]);
        written += parseLong(fields[2]);
        moved.add(old.get(i).path() + " -> " + fields[3]);
      } else if (!section.succeeded()) {
        failed.add(old.get(i).path());
      }
    }
    long net = Math.max(0, freed - written);
    String summary = "compressed " + moved.size() + " " + what + " into " + archive + " (" + SizedLines.human(net)
        + " freed: " + SizedLines.human(freed) + " of logs, " + SizedLines.human(written) + " of archives)"
        + (failed.isEmpty() ? "" : "; could not compress " + failed + ": " + Text.lastLine(run.stderr()));
    log.info("{}: {}", host.name(), summary);
    return new MitigationReport(host.name(), "compressOldLogs", !moved.isEmpty(), summary, net, bounded(moved),
        List.of(listing.evidence(), run.evidence()));
  }

  @Override
  public MitigationReport removeCoreDumps(HostContext context, DiskSettings settings) {
    HostTarget host = context.target();
    DiskSettings disk = IncidentInputs.disk(settings, context.layout());
    List<String> roots = InvestigationActivitiesImpl.coreRoots(context.layout().deployRoot(), disk);
    List<ShellCommand> script = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      script.add(ShellCommand.template(REMOVE_CORES, Map.of("root", roots.get(i), "max", String.valueOf(MAX_FILES)))
          .subshell().asSection("cores-" + i));
    }
    CommandRun run = connections.on(host).run(ShellCommand.sequence(script));
    List<SizedPath> removed = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      removed.addAll(SizedLines.parse(run.sections().find("cores-" + i).map(Sections.Section::output).orElse(""), 1));
    }
    return removal(host, "removeCoreDumps", "core dumps (core.<pid>) under " + String.join(", ", roots), removed, run);
  }

  @Override
  public MitigationReport cleanTempFiles(HostContext context, DiskSettings settings) {
    HostTarget host = context.target();
    DiskSettings disk = IncidentInputs.disk(settings, context.layout());
    List<String[]> searches = InvestigationActivitiesImpl.tempSearches(disk);
    String what = "temp files matching " + disk.tempPatterns() + " in " + disk.tempDirs();
    if (searches.isEmpty()) {
      return unchanged(host, "cleanTempFiles", "no temp directories or patterns configured (incident.disk)", List.of());
    }
    List<ShellCommand> script = new ArrayList<>();
    for (int i = 0; i < searches.size(); i++) {
      script.add(ShellCommand.template(REMOVE_TEMP, Map.of("dir", searches.get(i)[0], "pattern", searches.get(i)[1],
          "max", String.valueOf(MAX_FILES))).subshell().asSection("temp-" + i));
    }
    CommandRun run = connections.on(host).run(ShellCommand.sequence(script));
    List<SizedPath> removed = new ArrayList<>();
    for (int i = 0; i < searches.size(); i++) {
      removed.addAll(SizedLines.parse(run.sections().find("temp-" + i).map(Sections.Section::output).orElse(""), 1));
    }
    return removal(host, "cleanTempFiles", what, removed, run);
  }

  @Override
  public MitigationReport pruneBackups(HostContext context, BackupRetention given) {
    HostTarget host = context.target();
    BackupRetention retention = given == null ? BackupRetention.runbookDefaults() : given;
    IncidentInputs.range("backupRetention.daily", retention.daily(), 1, 1000);
    IncidentInputs.range("backupRetention.weekly", retention.weekly(), 0, 1000);
    IncidentInputs.range("backupRetention.monthly", retention.monthly(), 0, 1000);
    String backups = context.layout().backupsPath();
    RemoteShell shell = connections.on(host);
    CommandRun listing = shell.run(ShellCommand.template(LIST_ARCHIVES, Map.of("backups", backups)));
    List<RetentionPlan.Archive> dated = new ArrayList<>();
    List<String> undated = new ArrayList<>();
    for (SizedPath file : SizedLines.parse(listing.stdout(), 1)) {
      RetentionPlan.classify(file.path(), file.bytes()).ifPresentOrElse(dated::add, () -> undated.add(file.path()));
    }
    RetentionPlan.Plan plan = RetentionPlan.plan(dated, retention);
    String policy = "keep " + retention.daily() + " daily, " + retention.weekly() + " weekly, " + retention.monthly()
        + " monthly";
    String kept = "kept " + plan.keep().size() + " dated archives" + (undated.isEmpty() ? ""
        : " and " + undated.size() + " not named by date (e.g. " + undated.get(0) + ")");
    if (plan.delete().isEmpty()) {
      return unchanged(host, "pruneBackups", "no archive in " + backups + " is beyond the retention (" + policy + "); "
          + kept, List.of(listing.evidence()));
    }
    List<ShellCommand> script = new ArrayList<>();
    Map<String, Long> sizes = new HashMap<>();
    for (RetentionPlan.Archive archive : plan.delete()) {
      sizes.put(archive.name(), archive.bytes());
      script.add(ShellCommand.template(REMOVE_FILE, Map.of("file", backups + "/" + archive.name(), "name", archive.name())));
    }
    CommandRun run = shell.run(ShellCommand.sequence(script));
    List<String> deleted = run.stdout().lines().filter(line -> line.startsWith("deleted\t"))
        .map(line -> line.substring("deleted\t".length())).toList();
    long freed = deleted.stream().mapToLong(name -> sizes.getOrDefault(name, 0L)).sum();
    String summary = "deleted " + deleted.size() + " backup archives beyond the retention (" + policy + ", "
        + SizedLines.human(freed) + " freed); " + kept;
    log.info("{}: {}: {}", host.name(), summary, deleted);
    return new MitigationReport(host.name(), "pruneBackups", !deleted.isEmpty(), summary, freed, bounded(deleted),
        List.of(listing.evidence(), run.evidence()));
  }

  @Override
  public MitigationReport killPortHolder(HostContext context, int port, int pid) {
    HostTarget host = context.target();
    IncidentInputs.port(port);
    if (pid <= 1) {
      throw nonRetryable(INVALID_INPUT, "killPortHolder needs the pid findPortHolder reported (above 1), not " + pid);
    }
    RemoteShell shell = connections.on(host);
    CommandRun listing = shell.run(PortListeners.command(port))
        .requireSuccess("listing listening sockets with ss (package iproute2)");
    PortListeners.Seen seen = PortListeners.parse(host, port, listing.stdout());
    PortHolderFacts facts = PortHolderFacts.forPid(shell, context.layout(), seen, pid, listing);
    if (!facts.alive()) {
      return unchanged(host, "killPortHolder", "process " + pid + " is gone; nothing to end"
          + (seen.listening() ? " (port " + port + " is now held by " + holder(seen) + ")" : ""), facts.commands());
    }
    if (!seen.pids().contains(pid)) {
      throw refused(host, port, pid, "it no longer listens on port " + port + " (now: "
          + (seen.listening() ? holder(seen) : "nothing listens") + "); find the port's holder again", facts);
    }
    if (facts.workingDir().isEmpty()) {
      throw refused(host, port, pid, "its working directory is not readable by " + host.user() + ", so whether it is"
          + " the service cannot be told; look at it on the host (ls -l /proc/" + pid + "/cwd as root)", facts);
    }
    if (facts.isService()) {
      throw refused(host, port, pid, "it is the service: it runs from the release " + facts.workingDir()
          + "; restart the service instead (Scenario A)", facts);
    }
    int grace = Math.max(1, Math.min(GRACE_SECONDS, (host.commandTimeoutSeconds() > 0 ? host.commandTimeoutSeconds() : 120) / 3));
    CommandRun end = shell.run(ShellCommand.template(END_PROCESS, Map.of("pid", String.valueOf(pid),
        "start", facts.startTime(), "graceTenths", String.valueOf(grace * 10))));
    end.requireSuccess("sending TERM to process " + pid);
    String outcome = end.stdout().strip();
    CommandRun after = shell.run(PortListeners.command(port));
    PortListeners.Seen now = PortListeners.parse(host, port, after.stdout());
    List<CommandEvidence> commands = new ArrayList<>(facts.commands());
    commands.add(end.evidence());
    commands.add(after.evidence());
    String portNow = now.listening() ? "port " + port + " is still held by " + holder(now) : "port " + port + " is free";
    String who = "process " + pid + " (" + facts.commandLine() + ")";
    String summary = switch (outcome) {
      case "gone" -> who + " exited before it was signalled; " + portNow;
      case "terminated" -> "ended " + who + " with TERM; " + portNow;
      case "killed" -> who + " did not exit within " + grace + " s of TERM and was killed (KILL); " + portNow;
      default -> who + " survived TERM and KILL (" + outcome + "); " + portNow
          + "; it may be stuck in the kernel (state D): look at it on the host";
    };
    log.info("{}: {}", host.name(), summary);
    return new MitigationReport(host.name(), "killPortHolder", !outcome.equals("gone"), summary, 0,
        List.of(String.valueOf(pid)), commands);
  }

  @Override
  public MitigationReport restoreSceneFiles(HostContext context, List<String> missing) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    if (missing == null || missing.isEmpty() || missing.size() > MAX_RESTORE) {
      throw nonRetryable(INVALID_INPUT, "restoreSceneFiles needs 1 to " + MAX_RESTORE + " files (a report's missing),"
          + " not " + (missing == null ? 0 : missing.size()));
    }
    List<String> wanted = missing.stream().map(IncidentInputs::scenePath).distinct().toList();
    RemoteShell shell = connections.on(host);
    ServedRelease release = ServedRelease.read(shell, layout);
    List<CommandEvidence> commands = new ArrayList<>(List.of(release.run().evidence()));
    List<String> absent = stillMissing(shell, release, wanted, commands);
    if (absent.isEmpty()) {
      return unchanged(host, "restoreSceneFiles", "every one of " + wanted + " exists in " + release.dir()
          + "; nothing restored (existing files are never overwritten)", commands);
    }
    BackupArchives.Search search = BackupArchives.search(shell, layout, absent);
    commands.add(search.run().evidence());
    Map<String, List<String>> byArchive = new LinkedHashMap<>();
    List<String> nowhere = new ArrayList<>();
    for (String path : absent) {
      search.newestHolding(path).ifPresentOrElse(
          holding -> byArchive.computeIfAbsent(holding.archive(), a -> new ArrayList<>()).add(path),
          () -> nowhere.add(path));
    }
    List<String> restored = new ArrayList<>();
    List<String> appeared = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : byArchive.entrySet()) {
      BackupArchives.Holding holding = search.archives().stream().filter(a -> a.archive().equals(entry.getKey()))
          .findFirst().orElseThrow();
      CommandRun run = shell.transfer(extractAndPlace(layout, release, holding, entry.getValue()));
      commands.add(run.evidence());
      for (String line : run.stdout().split("\n")) {
        String[] fields = line.split("\t");
        if (fields.length >= 2 && fields[0].equals("restored")) {
          restored.add(fields[1] + " (from " + holding.archive() + ")");
        } else if (fields.length >= 2 && fields[0].equals("exists")) {
          appeared.add(fields[1]);
        } else if (fields.length >= 2 && fields[0].equals("absent")) {
          nowhere.add(fields[1] + " (listed in " + holding.archive() + " but not extracted: " + Text.lastLine(run.stderr()) + ")");
        }
      }
    }
    String summary = "restored " + restored.size() + " of " + absent.size() + " missing files into " + release.dir()
        + (restored.isEmpty() ? "" : " (mode 644)")
        + (nowhere.isEmpty() ? "" : "; not in any of the newest " + BackupArchives.MAX_ARCHIVES + " archives under "
            + layout.backupsPath() + ": " + nowhere)
        + (appeared.isEmpty() ? "" : "; appeared meanwhile, left alone: " + appeared);
    log.info("{}: {}", host.name(), summary);
    return new MitigationReport(host.name(), "restoreSceneFiles", !restored.isEmpty(), summary, 0, bounded(restored),
        commands);
  }

  @Override
  public MitigationReport fixScenePermissions(HostContext context) {
    HostTarget host = context.target();
    RemoteShell shell = connections.on(host);
    ServedRelease release = ServedRelease.read(shell, context.layout());
    CommandRun run = shell.run(ShellCommand.template(FIX_MODES, Map.of("release", release.dir(),
        "max", String.valueOf(MAX_FILES))));
    List<String> fixed = run.stdout().lines().filter(line -> !line.isBlank()).toList();
    List<CommandEvidence> commands = List.of(release.run().evidence(), run.evidence());
    if (fixed.isEmpty()) {
      return unchanged(host, "fixScenePermissions", "every *.tscn and *.gd file in " + release.dir()
          + " already has mode 644", commands);
    }
    String summary = "set mode 644 (rw-r--r--) on " + fixed.size() + " *.tscn / *.gd files in " + release.dir()
        + "; their owner is unchanged (the runbook's chown to the service user needs root: do it by hand if the"
        + " service runs as another user)";
    log.info("{}: {}: {}", host.name(), summary, fixed);
    return new MitigationReport(host.name(), "fixScenePermissions", true, summary, 0, bounded(fixed), commands);
  }

  @Override
  public MitigationReport installScheduledRestart(HostContext context, String command, int everyHours) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    if (command == null || command.isBlank()) {
      throw nonRetryable(CONFIGURATION_INVALID, "incident.scheduledRestartCommand is empty; leave it out for the"
          + " runbook's systemd timer or give the command that installs the restart on host " + host.name());
    }
    IncidentInputs.range("the scheduled restart's everyHours (incident.scheduledRestartEveryHours)", everyHours, 1,
        MAX_EVERY_HOURS);
    Map<String, String> placeholders = new HashMap<>(Map.of("host", host.name(), "serviceAddress", host.serviceAddress(),
        "deployRoot", layout.deployRoot(), "everyHours", String.valueOf(everyHours)));
    ShellCommand install = ShellCommand.configured(command, placeholders);
    // What was installed is recorded on the host: a second run with the same command and interval is a no-op.
    String stamp = "everyHours=" + everyHours + " command-sha256=" + sha256(install.text());
    String marker = layout.deployRoot() + "/" + MARKER;
    RemoteShell shell = connections.on(host);
    CommandRun recorded = shell.run(ShellCommand.of("cat", marker));
    if (recorded.succeeded() && recorded.stdout().strip().equals(stamp)) {
      return unchanged(host, "installScheduledRestart", "the scheduled restart every " + everyHours + " h is already"
          + " installed with this command (" + marker + ")", List.of(recorded.evidence()));
    }
    CommandRun run = shell.run(install.subshell());
    run.requireSuccess("installing the scheduled restart every " + everyHours + " h (incident.scheduledRestartCommand)");
    CommandRun written = shell.run(ShellCommand.template(WRITE_MARKER, Map.of("stamp", stamp, "marker", marker)))
        .requireSuccess("recording the installed scheduled restart in " + marker);
    String summary = "installed a scheduled restart every " + everyHours + " h with incident.scheduledRestartCommand"
        + (recorded.succeeded() ? " (the one recorded before, " + recorded.stdout().strip().split(" ")[0]
            + ", had another interval or command)" : "");
    log.info("{}: {}", host.name(), summary);
    return new MitigationReport(host.name(), "installScheduledRestart", true, summary, 0, List.of(),
        List.of(recorded.evidence(), run.evidence(), written.evidence()));
  }

  /** The files of {@code wanted} that do not exist in the release now. */
  private static List<String> stillMissing(RemoteShell shell, ServedRelease release, List<String> wanted,
      List<CommandEvidence> commands) {
    List<ShellCommand> checks = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      checks.add(ShellCommand.template(EXISTS, Map.of("file", release.path(wanted.get(i)))).asSection("file-" + i));
    }
    CommandRun run = shell.run(ShellCommand.sequence(checks));
    commands.add(run.evidence());
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      Optional<Sections.Section> section = run.sections().find("file-" + i);
      if (section.map(s -> s.trimmed().equals("absent")).orElse(false)) {
        absent.add(wanted.get(i));
      }
    }
    return absent;
  }

  /**
   * The archive's members extracted into a directory of this run under the deploy root (the same
   * file system as the release, so the move is a rename), each moved into the release only where
   * nothing is, then the extraction removed.
   */
  private static ShellCommand extractAndPlace(Layout layout, ServedRelease release, BackupArchives.Holding holding,
      List<String> paths) {
    String scratch = layout.deployRoot() + "/.runbook-restore-" + UUID.randomUUID();
    List<String> tar = new ArrayList<>(List.of("tar", "-xzf", holding.archive(), "-C", scratch, "--"));
    paths.forEach(path -> tar.add(holding.members().get(path)));
    List<ShellCommand> script = new ArrayList<>(List.of(ShellCommand.of("mkdir", "-p", scratch),
        ShellCommand.of(tar).asSection("extract")));
    for (String path : paths) {
      String target = release.path(path);
      script.add(ShellCommand.template(PLACE, Map.of("target", target, "targetDir", parent(target), "path", path,
          "extracted", scratch + "/" + holding.members().get(path))));
    }
    script.add(ShellCommand.of("rm", "-rf", "--", scratch));
    return ShellCommand.sequence(script);
  }

  private static MitigationReport removal(HostTarget host, String action, String what, List<SizedPath> removed,
      CommandRun run) {
    if (removed.isEmpty()) {
      return unchanged(host, action, "no " + what, List.of(run.evidence()));
    }
    long freed = SizedLines.total(removed);
    String summary = "deleted " + removed.size() + " " + what + " (" + SizedLines.human(freed) + " freed)";
    log.info("{}: {}: {}", host.name(), summary, removed.stream().map(SizedPath::path).toList());
    return new MitigationReport(host.name(), action, true, summary, freed,
        bounded(removed.stream().map(SizedPath::path).toList()), List.of(run.evidence()));
  }

  private static MitigationReport unchanged(HostTarget host, String action, String summary, List<CommandEvidence> commands) {
    log.info("{}: {}: {}", host.name(), action, summary);
    return new MitigationReport(host.name(), action, false, summary, 0, List.of(), commands);
  }

  private static io.temporal.failure.ApplicationFailure refused(HostTarget host, int port, int pid, String why,
      PortHolderFacts facts) {
    return nonRetryable(INVALID_INPUT, "on host " + host.name() + ", process " + pid + " (" + facts.commandLine()
        + ") was not signalled: " + why, facts.commands());
  }

  private static String holder(PortListeners.Seen seen) {
    return seen.pid() > 0 ? "pid " + seen.pid() + (seen.process().isEmpty() ? "" : " (" + seen.process() + ")")
        : "a process whose pid is not visible";
  }

  private static void requireSection(CommandRun run, String name, String what) {
    if (!run.sections().find(name).map(Sections.Section::succeeded).orElse(false)) {
      run.requireSuccess(what);
    }
  }

  private static List<String> bounded(List<String> items) {
    if (items.size() <= MAX_AFFECTED) {
      return items;
    }
    List<String> first = new ArrayList<>(items.subList(0, MAX_AFFECTED - 1));
    first.add("… and " + (items.size() - MAX_AFFECTED + 1) + " more");
    return first;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
