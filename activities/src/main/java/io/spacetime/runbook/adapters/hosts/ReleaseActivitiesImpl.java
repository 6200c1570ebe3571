package io.spacetime.runbook.adapters.hosts;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.BACKUP_MISSING;
import static io.spacetime.runbook.core.FailureTypes.CONFIG_SOURCE_MISSING;
import static io.spacetime.runbook.core.FailureTypes.NOTHING_TO_BACK_UP;
import static io.spacetime.runbook.core.FailureTypes.RELEASE_IN_USE;
import static io.spacetime.runbook.core.FailureTypes.RELEASE_MISSING;
import static io.spacetime.runbook.core.FailureTypes.STAGING_MISSING;
import static io.spacetime.runbook.core.FailureTypes.UNEXPECTED_OUTPUT;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.Sections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseCopy;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReleaseActivities} over SSH. Every method is idempotent: files are written under a
 * temporary name and renamed into place, existing verified results are reused, and a link already
 * pointing at its target is left alone. Our scripts exit with distinct codes ({@code EXIT_*}) for
 * the conditions a person must fix, which become non-retryable failures.
 */
public final class ReleaseActivitiesImpl implements ReleaseActivities {

  private static final Logger log = LoggerFactory.getLogger(ReleaseActivitiesImpl.class);

  private static final int EXIT_RELEASE_MISSING = 3;
  private static final int EXIT_CONFIG_SOURCE_MISSING = 4;
  private static final int EXIT_BACKUP_MISSING = 5;
  private static final int EXIT_STAGING_MISSING = 6;
  private static final int EXIT_RELEASE_IN_USE = 8;
  /** Suffix of the marker a backup leaves for a config file the release does not have. */
  static final String ABSENT = ".absent";
  private static final Set<String> PORT_KEYS = Set.of("API_PORT", "TELEMETRY_PORT", "DAP_PORT", "LSP_PORT");

  /**
   * Archive to a temporary name, verify by listing it, then rename: a half-written archive is never
   * taken for a good one. GNU tar exits 1 when a file changed while it was read (a live log); the
   * archive is complete then, and the listing still verifies it.
   */
  private static final String BACKUP_ARCHIVE = """
      mkdir -p {backups} || exit 1
      if test -f {archive} && tar -tzf {archive} > {listing} 2>/dev/null && test -s {listing}; then
        echo reused
      else
        rm -f {partial}
        tar -czf {partial} -C {parent} {dir}
        if [ $? -gt 1 ]; then rm -f {partial} {listing}; exit 1; fi
        tar -tzf {partial} > {listing} || { rm -f {partial} {listing}; exit 1; }
        test -s {listing} || { echo 'the new archive lists no entries' >&2; rm -f {partial} {listing}; exit 1; }
        mv -f {partial} {archive} || exit 1
        echo created
      fi
      wc -l < {listing}
      rm -f {listing}
      wc -c < {archive}""";

  /**
   * A config file copied beside the archive once (a retry keeps the first, pre-deployment copy), or,
   * when the release has none, an {@code .absent} marker: the undo of Step 4 then restores "no
   * config" instead of failing on a missing backup.
   */
  private static final String BACKUP_CONFIG = """
      if test -f {source}; then
        if ! test -f {copy}; then cp -p {source} {partial} && mv -f {partial} {copy} || exit 1; fi
        rm -f {absent}
        printf 'copied\\t%s\\n' {copy}
      elif test -f {copy}; then
        printf 'copied\\t%s\\n' {copy}
      else
        : > {absent} || exit 1
        printf 'absent\\t%s\\n' {name}
      fi""";

  /**
   * rsync (or a copy renamed into place) into a directory of ours, never into the one the
   * production link or production.backup points at: a release that serves, or that a rollback
   * would restore, is never changed in place.
   */
  private static final String COPY_RELEASE = """
      test -d {staging} || exit {stagingMissing}
      for l in {link} {backupLink}; do
        if test -L "$l" && test -e {release} && [ "$(readlink -f "$l")" = "$(readlink -f {release})" ]; then
          echo "$l points at {release}" >&2
          exit {inUse}
        fi
      done
      if command -v rsync > /dev/null 2>&1; then
        rsync -a --delete --exclude=.git {stagingContents} {releaseContents} || exit 1
      else
        rm -rf {partial} && cp -a {staging} {partial} && rm -rf {partial}/.git \\
          && rm -rf {release} && mv {partial} {release} || exit 1
      fi
      find {release} -type f | wc -l""";

  /**
   * The runbook's "Backup current symlink" (as a link to the directory itself, never a link to a
   * link; removed when there is nothing to roll back to), then a new link renamed over the old one,
   * so {@code production} never goes missing, then the move appended to the release history once.
   */
  private static final String SWITCH = """
      cd {linkDir} || exit 1
      test -d {toDir} || exit {releaseMissing}
      {backupStep}
      ln -sfn {toDir} {temporary} && mv -T {temporary} {link} || { rm -f {temporary}; exit 1; }
      grep -qF -- {identity} {history} 2>/dev/null || printf '%s\\t%s\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" {identity} >> {history} || exit 1""";

  private static final String SET_BACKUP_LINK =
      "ln -sfn {backupDir} {temporary}.b && mv -T {temporary}.b {backupLink} || { rm -f {temporary}.b; exit 1; }";

  private static final String REMOVE_BACKUP_LINK = "rm -f {backupLink}";

  /** Only the port lines are printed: the rest of a .env may hold secrets, and output enters history. */
  private static final String PORT_LINES =
      "grep -E '^[[:space:]]*(export[[:space:]]+)?(API_PORT|TELEMETRY_PORT|DAP_PORT|LSP_PORT)=' {release}/.env\n"
          + "exit 0";

  /**
   * What Step 4 verifies beyond the ports, as {@code #name=value} lines the port parser skips: the
   * .env's mode ("Secrets properly secured") and whether project.godot has its {@code [autoload]}
   * section ("project.godot valid", the runbook's {@code grep -E "^\[autoload\]" project.godot}).
   */
  private static final String CONFIG_FACTS = """
      echo "#mode=$(stat -c %a {release}/.env 2>/dev/null)"
      if grep -q -E '^\\[autoload\\]' {release}/project.godot 2>/dev/null; then echo '#autoload=yes'; else echo '#autoload=no'; fi
      """;

  /**
   * The .env holds secrets: it is written under umask 077 (a new copy is never readable by others,
   * not even for a moment) and renamed into place.
   */
  private static final String INSTALL_CONFIG = """
      test -d {release} || exit {releaseMissing}
      test -f {source} || exit {sourceMissing}
      if ! test -e {release}/.env.before-install && test -f {release}/.env; then
        cp -p {release}/.env {release}/.env.before-install || exit 1
      fi
      rm -f {release}/.env.partial
      ( umask 077 && cp {source} {release}/.env.partial ) && chmod go-rwx {release}/.env.partial \\
        && mv -f {release}/.env.partial {release}/.env || exit 1
      """ + CONFIG_FACTS + PORT_LINES;

  private static final String RESTORE_CONFIG = """
      test -d {release} || exit {releaseMissing}
      if test -f {envBackup}; then
        cp {envBackup} {release}/.env.partial && mv -f {release}/.env.partial {release}/.env || exit 1
      elif test -f {envAbsent}; then
        rm -f {release}/.env || exit 1
      else
        exit {backupMissing}
      fi
      if test -f {godotBackup}; then
        cp {godotBackup} {release}/project.godot.partial \\
          && mv -f {release}/project.godot.partial {release}/project.godot || exit 1
      elif test -f {godotAbsent}; then
        rm -f {release}/project.godot || exit 1
      fi
      """ + CONFIG_FACTS + PORT_LINES;

  private final HostConnections connections;

  public ReleaseActivitiesImpl(HostConnections connections) {
    this.connections = connections;
  }

  @Override
  public BackupArchive backupCurrentRelease(HostContext context, String backupId) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    HostInputs.backupId(backupId);
    RemoteShell shell = connections.on(host);
    ReleaseLinks.State links = ReleaseLinks.read(shell, layout);
    if (links.currentPath().isEmpty()) {
      throw nonRetryable(NOTHING_TO_BACK_UP, "on host " + host.name() + ", " + layout.productionLink()
          + " is not a symlink to a release, so there is no current release to back up", links.run().evidence());
    }
    String backups = layout.backupsPath();
    String archive = backups + "/production_pre_deploy_" + backupId + ".tar.gz";
    Map<String, String> values = Map.of(
        "backups", backups, "archive", archive, "partial", archive + ".partial", "listing", archive + ".listing",
        "parent", ReleaseLinks.parent(links.currentPath()), "dir", links.currentDir());
    ShellCommand copies = ShellCommand.sequence(List.of(
        configCopy(links.currentPath(), ".env", backups, backupId),
        configCopy(links.currentPath(), "project.godot", backups, backupId)));
    ShellCommand script = ShellCommand.sequence(List.of(
        ShellCommand.template(BACKUP_ARCHIVE, values).asSection("archive"), copies.asSection("copies")));

    CommandRun run = shell.transfer(script);
    Sections sections = run.sections();
    Sections.Section archived = sections.find("archive").orElse(new Sections.Section("", -1));
    if (!archived.succeeded()) {
      run.requireSuccess("archiving " + links.currentPath() + " to " + archive);
    }
    Sections.Section copied = sections.find("copies").orElse(new Sections.Section("", -1));
    if (!copied.succeeded()) {
      run.requireSuccess("copying the release's .env and project.godot to " + backups);
    }
    String[] lines = archived.trimmed().split("\n");
    if (lines.length != 3) {
      throw unexpected(host, "the backup script printed '" + archived.trimmed() + "'", run);
    }
    boolean reused = lines[0].equals("reused");
    int entries = Integer.parseInt(lines[1].trim());
    long size = Long.parseLong(lines[2].trim());
    List<String> configCopies = new ArrayList<>();
    List<String> configAbsent = new ArrayList<>();
    for (String line : copied.trimmed().split("\n")) {
      String[] parts = line.split("\t", 2);
      if (parts.length == 2) {
        (parts[0].equals("absent") ? configAbsent : configCopies).add(parts[1].strip());
      }
    }
    log.info("{}: {} backup {} of {} ({} entries, {} bytes, config copies {}, absent {})", host.name(),
        reused ? "reused verified" : "created", archive, links.currentDir(), entries, size, configCopies, configAbsent);
    return new BackupArchive(host.name(), archive, size, entries, true, configCopies, reused,
        List.of(links.run().evidence(), run.evidence()), configAbsent);
  }

  @Override
  public ReleaseCopy copyRelease(HostContext context, String version, String releaseDir) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    HostInputs.releaseDirOf(layout, version, releaseDir);
    String release = layout.resolve(releaseDir);
    String staging = layout.stagingPath();
    Map<String, String> values = new HashMap<>(Map.of("staging", staging, "stagingContents", staging + "/",
        "release", release, "releaseContents", release + "/", "partial", release + ".partial",
        "stagingMissing", String.valueOf(EXIT_STAGING_MISSING), "inUse", String.valueOf(EXIT_RELEASE_IN_USE),
        "link", layout.productionLink(), "backupLink", ReleaseLinks.backupLink(layout)));
    CommandRun run = connections.on(host).transfer(ShellCommand.template(COPY_RELEASE, values));
    if (run.exitCode() == EXIT_STAGING_MISSING) {
      throw nonRetryable(STAGING_MISSING, "on host " + host.name() + ", the staging directory " + staging
          + " does not exist: put the release to deploy there (layout.staging)", run.evidence());
    }
    if (run.exitCode() == EXIT_RELEASE_IN_USE) {
      throw nonRetryable(RELEASE_IN_USE, "on host " + host.name() + ", " + release + " is the release that serves or"
          + " the one a rollback would restore (" + run.stderr().strip() + "); a deployment copies into a directory of"
          + " its own and never over a release in use", run.evidence());
    }
    run.requireSuccess("copying " + staging + " to " + release);
    long files = parseNumber(host, run, run.stdout().trim());
    log.info("{}: synchronised {} into {} ({} files)", host.name(), staging, release, files);
    return new ReleaseCopy(host.name(), releaseDir, files, List.of(run.evidence()));
  }

  @Override
  public ReleaseSwitch switchRelease(HostContext context, ReleaseChange change) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    return moveLinks(host, layout, change, "switching " + layout.productionLink() + " to " + change.toDir());
  }

  @Override
  public ReleaseSwitch restoreRelease(HostContext context, ReleaseChange change) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    return moveLinks(host, layout, change, "restoring " + layout.productionLink() + " to " + change.toDir());
  }

  /**
   * Both links as {@code change} says, and the move in the release history, in one script: run
   * twice, it leaves the links as running it once does and the history with one line for it.
   */
  private ReleaseSwitch moveLinks(HostTarget host, Layout layout, ReleaseChange change, String what) {
    HostInputs.releaseDir(layout, change.toDir());
    String backupDir = HostInputs.optionalReleaseDir(layout, change.backupDir());
    RemoteShell shell = connections.on(host);
    ReleaseLinks.State before = ReleaseLinks.read(shell, layout);
    String linkDir = ReleaseLinks.parent(layout.productionLink());
    String link = ReleaseLinks.name(layout.productionLink());
    Map<String, String> values = new HashMap<>(Map.of("linkDir", linkDir, "toDir", change.toDir(), "link", link,
        "temporary", link + ".tmp-" + UUID.randomUUID().toString().substring(0, 8),
        "backupLink", ReleaseLinks.name(ReleaseLinks.backupLink(layout)),
        "releaseMissing", String.valueOf(EXIT_RELEASE_MISSING),
        "identity", ReleaseHistoryLine.identity(change), "history", layout.historyPath()));
    values.put("backupDir", backupDir);
    ShellCommand script = ShellCommand.template(SWITCH.replace("{backupStep}",
        backupDir.isEmpty() ? REMOVE_BACKUP_LINK : SET_BACKUP_LINK), values);
    CommandRun run = shell.run(script);
    if (run.exitCode() == EXIT_RELEASE_MISSING) {
      throw nonRetryable(RELEASE_MISSING, "on host " + host.name() + ", the release directory " + linkDir + "/"
          + change.toDir() + " does not exist; copy the release first (Step 3)", run.evidence());
    }
    run.requireSuccess(what);
    boolean inPlace = before.currentDir().equals(change.toDir());
    log.info("{}: {} {} -> {} (was {}), production.backup -> {}, history: {}", host.name(),
        inPlace ? "kept" : "moved", layout.productionLink(), change.toDir(),
        before.currentDir().isEmpty() ? "(no link)" : before.currentDir(),
        backupDir.isEmpty() ? "(removed)" : backupDir, change.kind().word());
    return new ReleaseSwitch(host.name(), before.currentDir(), change.toDir(), inPlace,
        List.of(before.run().evidence(), run.evidence()));
  }

  @Override
  public ConfigInstall installConfig(HostContext context, String releaseDir) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    HostInputs.releaseDir(layout, releaseDir);
    String release = layout.resolve(releaseDir);
    String source = layout.configSourcePath();
    CommandRun run = connections.on(host)
        .run(ShellCommand.template(INSTALL_CONFIG, Map.of("release", release, "source", source,
            "releaseMissing", String.valueOf(EXIT_RELEASE_MISSING),
            "sourceMissing", String.valueOf(EXIT_CONFIG_SOURCE_MISSING))));
    if (run.exitCode() == EXIT_CONFIG_SOURCE_MISSING) {
      throw nonRetryable(CONFIG_SOURCE_MISSING, "on host " + host.name() + ", the config source " + source
          + " (layout.configSource) does not exist", run.evidence());
    }
    failIfReleaseMissing(host, release, run);
    run.requireSuccess("installing " + source + " as " + release + "/.env");
    log.info("{}: installed {} as {}/.env", host.name(), source, release);
    return configInstall(host, release, run);
  }

  @Override
  public ConfigInstall restoreConfig(HostContext context, String releaseDir, String backupId) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    HostInputs.releaseDir(layout, releaseDir);
    HostInputs.backupId(backupId);
    String release = layout.resolve(releaseDir);
    String envBackup = layout.backupsPath() + "/.env." + backupId;
    String godotBackup = layout.backupsPath() + "/project.godot." + backupId;
    CommandRun run = connections.on(host).run(ShellCommand.template(RESTORE_CONFIG, Map.of("release", release,
        "envBackup", envBackup, "envAbsent", envBackup + ABSENT, "godotBackup", godotBackup,
        "godotAbsent", godotBackup + ABSENT,
        "releaseMissing", String.valueOf(EXIT_RELEASE_MISSING), "backupMissing", String.valueOf(EXIT_BACKUP_MISSING))));
    if (run.exitCode() == EXIT_BACKUP_MISSING) {
      throw nonRetryable(BACKUP_MISSING, "on host " + host.name() + ", there is no config backup " + envBackup
          + " (nor a record that the release had none); backupCurrentRelease with id '" + backupId
          + "' did not run or its copy was removed", run.evidence());
    }
    failIfReleaseMissing(host, release, run);
    run.requireSuccess("restoring the config of backup " + backupId + " into " + release);
    log.info("{}: restored config backup {} into {}", host.name(), backupId, release);
    return configInstall(host, release, run);
  }

  private static ConfigInstall configInstall(HostTarget host, String release, CommandRun run) {
    Map<String, String> facts = new LinkedHashMap<>();
    run.stdout().lines().filter(line -> line.startsWith("#") && line.contains("=")).forEach(line ->
        facts.put(line.substring(1, line.indexOf('=')), line.substring(line.indexOf('=') + 1).strip()));
    String autoload = facts.get("autoload");
    return new ConfigInstall(host.name(), release + "/.env", ports(run.stdout()), List.of(run.evidence()),
        facts.getOrDefault("mode", ""), autoload == null ? null : autoload.equals("yes"));
  }

  /** {@code <release>/<file>} copied to {@code backups/<file>.<id>}, or {@code backups/<file>.<id>.absent}. */
  private static ShellCommand configCopy(String release, String file, String backups, String backupId) {
    String copy = backups + "/" + file + "." + backupId;
    return ShellCommand.template(BACKUP_CONFIG, Map.of("source", release + "/" + file, "copy", copy,
        "partial", copy + ".partial", "absent", copy + ABSENT, "name", file));
  }

  private static void failIfReleaseMissing(HostTarget host, String release, CommandRun run) {
    if (run.exitCode() == EXIT_RELEASE_MISSING) {
      throw nonRetryable(RELEASE_MISSING, "on host " + host.name() + ", the release directory " + release
          + " does not exist", run.evidence());
    }
  }

  private static Map<String, String> ports(String portLines) {
    Map<String, String> ports = new LinkedHashMap<>();
    EnvFileParser.parse(portLines).forEach((key, value) -> {
      if (PORT_KEYS.contains(key)) {
        ports.put(key, value);
      }
    });
    return ports;
  }

  private static long parseNumber(HostTarget host, CommandRun run, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw unexpected(host, "expected a file count, got '" + text + "'", run);
    }
  }

  private static ApplicationFailure unexpected(HostTarget host, String what, CommandRun run) {
    return nonRetryable(UNEXPECTED_OUTPUT, "on host " + host.name() + ", " + what, run.evidence());
  }
}
