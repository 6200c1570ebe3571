package io.spacetime.runbook.adapters.incident;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;
import static io.spacetime.runbook.core.FailureTypes.HOST_COMMAND_FAILED;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;
import static io.spacetime.runbook.core.FailureTypes.UNEXPECTED_OUTPUT;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.Sections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.incident.DiskSettings;
import io.spacetime.runbook.ports.incident.DiskUsageReport.SizedPath;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.InvestigationActivities;
import io.spacetime.runbook.ports.incident.LogErrorCounts;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InvestigationActivities} over SSH: read-only commands, parsed, several reads in one round
 * trip where they can share it. What a reading means is the incident gates' decision.
 *
 * <p>Timeouts: the reads run under {@code ssh.commandTimeoutSeconds}, except those that walk the
 * whole deploy root or decompress archives ({@link #inspectDiskUsage}, and the backup search of
 * {@link #inspectSceneFiles}), which run under {@code ssh.transferTimeoutSeconds}; {@link #sampleMemory}
 * waits between its samples in the worker, and refuses to start when its activity's time cannot
 * hold them.
 */
public final class InvestigationActivitiesImpl implements InvestigationActivities {

  private static final Logger log = LoggerFactory.getLogger(InvestigationActivitiesImpl.class);

  private static final int EXIT_LOG_MISSING = 7;
  private static final int EXIT_LOG_UNREADABLE = 8;
  private static final int EXIT_UNREADABLE = 3;
  static final int MAX_PATTERNS = 50;
  static final int MAX_LAST_LINES = 100_000;
  static final int EXAMPLES_PER_PATTERN = 3;
  static final int MAX_EXAMPLES = 10;
  static final int EXAMPLE_CHARS = 300;
  static final int MAX_ENTRIES = 20;
  static final long LARGE_FILE_BYTES = 100L * 1024 * 1024;
  static final int LARGEST_WHEN_NONE_LARGE = 10;
  static final int MAX_LISTED = 200;
  static final int MAX_OOM_LINES = 20;
  static final int MAX_SAMPLES = 1000;
  static final int MAX_INTERVAL_SECONDS = 3600;
  static final int MAX_SCENES = 200;
  /** What sampling leaves of its activity's time for reading the kernel log and reporting. */
  static final Duration SAMPLING_MARGIN = Duration.ofSeconds(15);

  /** The kernel's words for the out-of-memory killer (runbook: {@code dmesg | grep -i "out of memory\|oom"}). */
  static final String OOM_LINES = "out of memory|oom-kill|oom_reaper|killed process";

  /**
   * The last lines of the log, read once into a variable so every pattern counts the same lines;
   * the count of lines read and, per pattern, its count and last matching lines follow as sections.
   */
  private static final String READ_LOG_TAIL = """
      test -f {log} || exit {missing}
      test -r {log} || exit {unreadable}
      t=$(tail -n {lines} {log})""";

  private static final String LINES_READ = "if [ -z \"$t\" ]; then echo 0; else printf '%s\\n' \"$t\" | wc -l; fi";
  private static final String COUNT = "printf '%s\\n' \"$t\" | grep -E -i -c -- {regex} 2>&1";
  private static final String EXAMPLES = "printf '%s\\n' \"$t\" | grep -E -i -- {regex} | tail -n {examples} | cut -c 1-{chars}";

  private static final String ENTRIES = "find {root} -mindepth 1 -maxdepth 1 -exec du -sk {} + 2>/dev/null"
      + " | sort -rn | head -n {max}";
  private static final String LARGEST = "find {root} -xdev -type f -printf '%s\\t%p\\n' 2>/dev/null | sort -rn | head -n {max}";
  /**
   * Core dumps are {@code core.<pid>}: digits only, so a release's {@code core.gd} script is never
   * taken for one (the runbook's {@code core.*} would match it).
   */
  static final String CORE_DUMPS = "find {root} -xdev -type f -regextype posix-extended -regex '.*/core\\.[0-9]+'"
      + " -printf '%s\\t%p\\n' 2>/dev/null | head -n {max}";
  static final String TEMP_FILES = "find {dir} -mindepth 1 -maxdepth 1 -name {pattern} \\( -type f -o -type d \\)"
      + " -exec du -sb {} + 2>/dev/null | head -n {max}";
  /** {@code -mmin}, not {@code -mtime}: "older than 7 days" means 7 x 24 h, where {@code -mtime +7} means 8 days. */
  static final String OLD_LOGS = "find {logs} -maxdepth 1 -type f -name '*.log' -mmin +{minutes} -printf '%s\\t%p\\n'"
      + " 2>/dev/null | head -n {max}";

  private static final String LISTENERS = "l=$(ss -H -ltnp {filter}) && printf '%s\\n' \"$l\"";
  private static final String RSS = """
      for p in $(printf '%s\\n' "$l" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
        printf '%s\\t%s\\n' "$p" "$(grep -E '^VmRSS:' /proc/$p/status 2>/dev/null)"
      done""";
  private static final String DMESG = """
      out=$(dmesg 2>&1) || { printf '%s\\n' "$out" | head -c 300; exit {unreadable}; }
      printf '%s\\n' "$out" | grep -i -E -- {pattern} | tail -n {max} | cut -c 1-300
      exit 0""";

  private static final String WRITE_TEST = "printf 'test\\n' > {file} && rm -f {file}";

  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+)\\s*kB");
  private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+)\\s*kB");

  private final HostConnections connections;

  public InvestigationActivitiesImpl(HostConnections connections) {
    this.connections = connections;
  }

  @Override
  public LogErrorCounts countLogErrors(HostContext context, List<LogPattern> patterns, int lastLines) {
    HostTarget host = context.target();
    List<LogPattern> checked = logPatterns(patterns);
    IncidentInputs.range("countLogErrors lastLines", lastLines, 1, MAX_LAST_LINES);
    String logFile = context.layout().resolve(context.service().logFile());
    List<ShellCommand> script = new ArrayList<>();
    script.add(ShellCommand.template(READ_LOG_TAIL, Map.of("log", logFile, "lines", String.valueOf(lastLines),
        "missing", String.valueOf(EXIT_LOG_MISSING), "unreadable", String.valueOf(EXIT_LOG_UNREADABLE))));
    script.add(ShellCommand.template(LINES_READ, Map.of()).asSection("lines"));
    for (int i = 0; i < checked.size(); i++) {
      Map<String, String> values = Map.of("regex", checked.get(i).regex(), "examples", String.valueOf(EXAMPLES_PER_PATTERN),
          "chars", String.valueOf(EXAMPLE_CHARS));
      script.add(ShellCommand.template(COUNT, values).asSection("count-" + i));
      script.add(ShellCommand.template(EXAMPLES, values).asSection("examples-" + i));
    }
    CommandRun run = connections.on(host).run(ShellCommand.sequence(script));
    if (run.exitCode() == EXIT_LOG_MISSING || run.exitCode() == EXIT_LOG_UNREADABLE) {
      String why = "the service log " + logFile + " (service.logFile) "
          + (run.exitCode() == EXIT_LOG_MISSING ? "does not exist" : "is not readable by " + host.user())
          + " on host " + host.name() + "; nothing was counted";
      return new LogErrorCounts(host.name(), false, why, 0, Map.of(), List.of(), List.of(run.evidence()));
    }
    Sections out = run.sections();
    if (!out.has("lines")) {
      run.requireSuccess("reading the last " + lastLines + " lines of " + logFile);
    }
    int linesRead = (int) number(run, out, "lines");
    Map<String, Integer> counts = new LinkedHashMap<>();
    Set<String> examples = new LinkedHashSet<>();
    for (int i = 0; i < checked.size(); i++) {
      LogPattern pattern = checked.get(i);
      Sections.Section count = out.find("count-" + i).orElse(new Sections.Section("", -1));
      if (count.exitCode() > 1) {
        throw nonRetryable(INVALID_INPUT, "on host " + host.name() + ", grep -E rejected the log pattern '"
            + pattern.name() + "' (" + pattern.regex() + "): " + count.trimmed(), run.evidence());
      }
      counts.put(pattern.name(), (int) number(run, out, "count-" + i));
      out.find("examples-" + i).map(Sections.Section::output).orElse("").lines()
          .filter(line -> !line.isBlank()).forEach(examples::add);
    }
    log.info("{}: {} of the last {} lines of {} matched {}", host.name(), counts.values().stream()
        .mapToInt(Integer::intValue).sum(), linesRead, logFile, counts);
    return new LogErrorCounts(host.name(), true, "", linesRead, counts,
        examples.stream().limit(MAX_EXAMPLES).toList(), List.of(run.evidence()));
  }

  @Override
  public DiskUsageReport inspectDiskUsage(HostContext context, DiskSettings settings) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    DiskSettings disk = IncidentInputs.disk(settings);
    String root = layout.deployRoot();
    List<String> coreRoots = coreRoots(root, disk);
    List<ShellCommand> reads = new ArrayList<>();
    reads.add(ShellCommand.of("df", "-Pk", root).asSection("df"));
    if (disk.quotaMb() > 0) {
      reads.add(ShellCommand.of("du", "-sk", root).asSection("size"));
    }
    reads.add(ShellCommand.template(ENTRIES, Map.of("root", root, "max", String.valueOf(MAX_ENTRIES))).asSection("entries"));
    reads.add(ShellCommand.template(LARGEST, Map.of("root", root, "max", String.valueOf(MAX_ENTRIES))).asSection("largest"));
    for (int i = 0; i < coreRoots.size(); i++) {
      reads.add(ShellCommand.template(CORE_DUMPS, Map.of("root", coreRoots.get(i), "max", String.valueOf(MAX_LISTED)))
          .asSection("cores-" + i));
    }
    List<String[]> temps = tempSearches(disk);
    for (int i = 0; i < temps.size(); i++) {
      reads.add(ShellCommand.template(TEMP_FILES, Map.of("dir", temps.get(i)[0], "pattern", temps.get(i)[1],
          "max", String.valueOf(MAX_LISTED))).asSection("temp-" + i));
    }
    reads.add(ShellCommand.template(OLD_LOGS, Map.of("logs", layout.resolve(disk.logsDir()),
        "minutes", String.valueOf(disk.logMaxAgeDays() * 24 * 60), "max", String.valueOf(MAX_LISTED))).asSection("logs"));
    CommandRun run = connections.on(host).transfer(ShellCommand.sequence(reads));
    Sections out = run.sections();
    Sections.Section df = out.find("df").orElse(new Sections.Section("", -1));
    if (!df.succeeded()) {
      throw nonRetryable(HOST_COMMAND_FAILED, "on host " + host.name() + ", df of the deploy root " + root
          + " (layout.deployRoot) failed (exit " + df.exitCode() + "): " + Text.lastLine(run.stderr())
          + "; check that the directory exists", run.evidence());
    }
    long[] fileSystem = dfKib(host, run, df.output());
    double usedPercent;
    long usedMb;
    long totalMb;
    String basis;
    if (disk.quotaMb() > 0) {
      long rootBytes = SizedLines.parse(out.find("size").map(Sections.Section::output).orElse(""), SizedLines.KIB)
          .stream().mapToLong(SizedPath::bytes).findFirst().orElse(-1);
      if (rootBytes < 0) {
        throw nonRetryable(UNEXPECTED_OUTPUT, "on host " + host.name() + ", du -sk " + root + " printed no size: "
            + Text.lastLine(run.stderr()), run.evidence());
      }
      usedMb = rootBytes / (1024 * 1024);
      totalMb = disk.quotaMb();
      usedPercent = 100.0 * rootBytes / (disk.quotaMb() * 1024.0 * 1024.0);
      basis = "the deploy root's size (du -sk " + root + ") against incident.disk.quotaMb " + disk.quotaMb() + " MB";
    } else {
      long used = fileSystem[1];
      long available = fileSystem[2];
      usedMb = used / 1024;
      totalMb = fileSystem[0] / 1024;
      usedPercent = used + available == 0 ? 0 : 100.0 * used / (used + available);
      basis = "the file system holding " + root + " (df -Pk, mounted on " + mountOf(df.output()) + ")";
    }
    List<SizedPath> entries = SizedLines.largestFirst(sized(out, "entries", SizedLines.KIB), MAX_ENTRIES);
    List<SizedPath> files = SizedLines.largestFirst(sized(out, "largest", 1), MAX_ENTRIES);
    List<SizedPath> large = files.stream().filter(f -> f.bytes() > LARGE_FILE_BYTES).toList();
    List<SizedPath> largest = large.isEmpty() ? files.stream().limit(LARGEST_WHEN_NONE_LARGE).toList() : large;
    List<SizedPath> cores = new ArrayList<>();
    for (int i = 0; i < coreRoots.size(); i++) {
      sized(out, "cores-" + i, 1).stream().filter(c -> cores.stream().noneMatch(seen -> seen.path().equals(c.path())))
          .forEach(cores::add);
    }
    List<SizedPath> tempFiles = new ArrayList<>();
    for (int i = 0; i < temps.size(); i++) {
      sized(out, "temp-" + i, 1).stream().filter(t -> tempFiles.stream().noneMatch(seen -> seen.path().equals(t.path())))
          .forEach(tempFiles::add);
    }
    List<SizedPath> oldLogs = sized(out, "logs", 1);
    log.info("{}: disk {}% used ({}), {} core dumps, {} temp files, {} logs older than {} days", host.name(),
        String.format(Locale.ROOT, "%.1f", usedPercent), basis, cores.size(), tempFiles.size(), oldLogs.size(),
        disk.logMaxAgeDays());
    return new DiskUsageReport(host.name(), usedPercent, basis, usedMb, totalMb, entries, largest,
        SizedLines.largestFirst(cores, MAX_LISTED), SizedLines.largestFirst(tempFiles, MAX_LISTED),
        SizedLines.largestFirst(oldLogs, MAX_LISTED), List.of(run.evidence()));
  }

  @Override
  public MemoryTrend sampleMemory(HostContext context, int samples, int intervalSeconds) {
    HostTarget host = context.target();
    IncidentInputs.range("sampleMemory samples", samples, 1, MAX_SAMPLES);
    IncidentInputs.range("sampleMemory intervalSeconds", intervalSeconds, 0, MAX_INTERVAL_SECONDS);
    if (context.ports().isEmpty()) {
      throw nonRetryable(CONFIGURATION_INVALID, "host " + host.name() + " has no service ports, so there is no API"
          + " port whose process to sample; set ports.api in the environment file");
    }
    int apiPort = context.ports().get(0);
    Duration sampling = Duration.ofSeconds((long) (samples - 1) * intervalSeconds);
    ActivityContext.remaining(SAMPLING_MARGIN).filter(left -> left.compareTo(sampling) < 0).ifPresent(left -> {
      throw nonRetryable(CONFIGURATION_INVALID, "on host " + host.name() + ", sampling memory " + samples + " times "
          + intervalSeconds + " s apart takes " + sampling.toSeconds() + " s, but its activity has " + left.toSeconds()
          + " s left (" + ActivityContext.startToClose().map(d -> d.toSeconds() + " s start-to-close").orElse("")
          + "); give the activity incident.memorySamples x incident.memoryIntervalSeconds plus "
          + SAMPLING_MARGIN.toSeconds() + " s, or sample less");
    });
    RemoteShell shell = connections.on(host);
    List<Long> rss = new ArrayList<>();
    List<Integer> pids = new ArrayList<>();
    List<CommandEvidence> commands = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < samples; i++) {
      if (i > 0) {
        waitUntil(started + TimeUnit.SECONDS.toNanos((long) i * intervalSeconds), "memory sample " + (i + 1) + " of "
            + samples + " on " + host.name() + " (last: pid " + pids.get(i - 1) + ", " + rss.get(i - 1) + " KiB)");
      }
      CommandRun run = shell.run(ShellCommand.sequence(List.of(
          ShellCommand.template(LISTENERS, Map.of("filter", "sport = :" + apiPort)).asSection("listeners"),
          ShellCommand.template(RSS, Map.of()).asSection("rss"))));
      commands.add(run.evidence());
      Sections out = run.sections();
      Sections.Section listeners = out.find("listeners").orElse(new Sections.Section("", -1));
      if (!listeners.succeeded()) {
        throw nonRetryable(HOST_COMMAND_FAILED, "on host " + host.name() + ", listing listening sockets with ss"
            + " (package iproute2) failed (exit " + listeners.exitCode() + "): " + Text.lastLine(run.stderr()), run.evidence());
      }
      PortListeners.Seen seen = PortListeners.parse(host, apiPort, listeners.output());
      if (seen.listening() && seen.pid() <= 0) {
        // Zeros would read as "nothing runs": say why there is no reading instead.
        throw nonRetryable(CONFIGURATION_INVALID, "on host " + host.name() + ", something listens on the API port "
            + apiPort + " but its pid is not visible to " + host.user() + " (ss -p shows it only for the user's own"
            + " processes or root), so its memory cannot be sampled; let ssh.user run ss as root or as the service's user",
            run.evidence());
      }
      int pid = seen.pid();
      pids.add(pid);
      rss.add(pid > 0 ? residentKib(out.find("rss").map(Sections.Section::output).orElse(""), pid) : 0L);
    }
    CommandRun kernel = shell.run(ShellCommand.sequence(List.of(
        ShellCommand.of("grep", "-E", "^MemTotal:", "/proc/meminfo").asSection("meminfo"),
        ShellCommand.template(DMESG, Map.of("unreadable", String.valueOf(EXIT_UNREADABLE), "pattern", OOM_LINES,
            "max", String.valueOf(MAX_OOM_LINES))).subshell().asSection("dmesg"))));
    commands.add(kernel.evidence());
    Sections out = kernel.sections();
    Matcher total = MEM_TOTAL.matcher(out.find("meminfo").map(Sections.Section::output).orElse(""));
    long memTotalKb = total.find() ? Long.parseLong(total.group(1)) : 0;
    Sections.Section dmesg = out.find("dmesg").orElse(new Sections.Section("", -1));
    List<String> oom = dmesg.succeeded()
        ? dmesg.output().lines().filter(line -> !line.isBlank()).limit(MAX_OOM_LINES).toList() : List.of();
    log.info("{}: RSS of the API port's process over {} samples {} s apart: {} KiB (pids {}), {} OOM lines{}",
        host.name(), samples, intervalSeconds, rss, pids, oom.size(),
        dmesg.succeeded() ? "" : " (kernel log not readable: " + dmesg.trimmed() + ")");
    return new MemoryTrend(host.name(), rss, pids, intervalSeconds, memTotalKb, oom, commands);
  }

  @Override
  public SceneFilesReport inspectSceneFiles(HostContext context, List<String> scenes) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    List<String> wanted = scenePaths(scenes);
    RemoteShell shell = connections.on(host);
    ServedRelease release = ServedRelease.read(shell, layout);
    List<CommandEvidence> commands = new ArrayList<>(List.of(release.run().evidence()));
    Map<String, SceneFacts> facts = readFacts(shell, release, wanted, commands);
    // Step 3 "Check Dependencies": each scene's ext_resources, one level down, read the same way.
    List<String> refs = facts.values().stream().flatMap(f -> f.refs().stream()).distinct()
        .filter(ref -> !facts.containsKey(ref)).limit(MAX_SCENES).toList();
    facts.values().stream().filter(f -> !f.unsafeRefs().isEmpty()).forEach(f -> log.warn(
        "{}: {} references resources outside the release or with unusual names, not checked: {}", host.name(),
        f.path(), f.unsafeRefs()));
    facts.putAll(readFacts(shell, release, refs, commands));
    List<String> missing = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> notText = new ArrayList<>();
    for (SceneFacts f : facts.values()) {
      if (!f.exists()) {
        missing.add(f.path());
      } else if (f.unreadable()) {
        unreadable.add(f.path());
      } else if (wanted.contains(f.path()) || isTextFormat(f.path())) {
        if (f.notText()) {
          notText.add(f.path());
        }
      }
    }
    String restorable = "";
    if (!missing.isEmpty()) {
      BackupArchives.Search search = BackupArchives.search(shell, layout, missing);
      commands.add(search.run().evidence());
      restorable = search.newestHoldingAll(missing).map(BackupArchives.Holding::archive).orElse("");
    }
    log.info("{}: scenes in {}: missing {}, unreadable {}, not text {}, restorable from {}", host.name(), release.dir(),
        missing, unreadable, notText, restorable.isEmpty() ? "(none)" : restorable);
    return new SceneFilesReport(host.name(), release.dir(), List.copyOf(facts.keySet()), missing, unreadable, notText,
        restorable, commands);
  }

  @Override
  public PortHolder findPortHolder(HostContext context, int port) {
    HostTarget host = context.target();
    IncidentInputs.port(port);
    RemoteShell shell = connections.on(host);
    PortHolderFacts facts = PortHolderFacts.read(shell, context.layout(), port);
    PortListeners.Seen seen = facts.seen();
    if (!seen.listening()) {
      return new PortHolder(host.name(), port, 0, "", "", false, "nothing listens on port " + port + " on "
          + host.serviceAddress() + " or a wildcard address", facts.commands());
    }
    if (seen.pid() <= 0) {
      return new PortHolder(host.name(), port, 0, "", "", false, "something listens on port " + port + " but its pid"
          + " is not visible to " + host.user() + " (ss -p shows it only for the user's own processes or root)",
          facts.commands());
    }
    if (!facts.alive()) {
      return new PortHolder(host.name(), port, 0, "", "", false, "process " + seen.pid() + " held port " + port
          + " and exited before it could be read", facts.commands());
    }
    log.info("{}: port {} is held by pid {} ({}) in {}{}", host.name(), port, seen.pid(), facts.commandLine(),
        facts.workingDir(), facts.isService() ? ", a release of the service" : "");
    return new PortHolder(host.name(), port, seen.pid(), facts.commandLine(), facts.workingDir(), facts.isService(),
        facts.workingDir().isEmpty() ? "the working directory of process " + seen.pid() + " is not readable by "
            + host.user() : "", facts.commands());
  }

  @Override
  public CommandEvidence checkWritable(HostContext context) {
    HostTarget host = context.target();
    String file = context.layout().deployRoot() + "/.runbook-write-test-" + UUID.randomUUID();
    return connections.on(host).run(ShellCommand.template(WRITE_TEST, Map.of("file", file))).evidence();
  }

  /** The deploy root and every temp directory, without one inside another twice. */
  static List<String> coreRoots(String root, DiskSettings disk) {
    List<String> roots = new ArrayList<>(List.of(root));
    disk.tempDirs().stream().filter(dir -> !roots.contains(dir)).forEach(roots::add);
    return roots;
  }

  /** Each (temp directory, pattern) pair. */
  static List<String[]> tempSearches(DiskSettings disk) {
    List<String[]> searches = new ArrayList<>();
    for (String dir : disk.tempDirs()) {
      for (String pattern : disk.tempPatterns()) {
        searches.add(new String[] {dir, pattern});
      }
    }
    return searches;
  }

  private static Map<String, SceneFacts> readFacts(RemoteShell shell, ServedRelease release, List<String> paths,
      List<CommandEvidence> commands) {
    Map<String, SceneFacts> facts = new LinkedHashMap<>();
    if (paths.isEmpty()) {
      return facts;
    }
    List<ShellCommand> reads = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      reads.add(SceneFacts.command(release.path(paths.get(i))).asSection("file-" + i));
    }
    CommandRun run = shell.run(ShellCommand.sequence(reads));
    commands.add(run.evidence());
    Sections out = run.sections();
    for (int i = 0; i < paths.size(); i++) {
      String name = "file-" + i;
      Sections.Section section = out.find(name).orElseThrow(() -> nonRetryable(UNEXPECTED_OUTPUT, "on host "
          + shell.host().name() + ", reading the scene files of " + release.dir() + " stopped early (exit "
          + run.exitCode() + "): " + Text.lastLine(run.stderr()), run.evidence()));
      facts.put(paths.get(i), SceneFacts.parse(paths.get(i), section.output()));
    }
    return facts;
  }

  /** Godot's text formats: a referenced script or scene must be text, a texture need not be. */
  private static boolean isTextFormat(String path) {
    return path.endsWith(".tscn") || path.endsWith(".tres") || path.endsWith(".gd");
  }

  private static List<String> scenePaths(List<String> scenes) {
    if (scenes == null || scenes.isEmpty() || scenes.size() > MAX_SCENES) {
      throw nonRetryable(INVALID_INPUT, "inspectSceneFiles needs 1 to " + MAX_SCENES + " scene files (incident.scenes),"
          + " not " + (scenes == null ? 0 : scenes.size()));
    }
    return scenes.stream().map(IncidentInputs::scenePath).distinct().toList();
  }

  private static List<LogPattern> logPatterns(List<LogPattern> patterns) {
    List<LogPattern> given = patterns == null ? List.of() : patterns;
    if (given.size() > MAX_PATTERNS) {
      throw nonRetryable(INVALID_INPUT, "countLogErrors takes at most " + MAX_PATTERNS + " patterns, not " + given.size());
    }
    for (LogPattern pattern : given) {
      if (pattern == null || pattern.name() == null || pattern.name().isBlank() || pattern.regex() == null
          || pattern.regex().isEmpty() || pattern.regex().indexOf('\n') >= 0) {
        throw nonRetryable(INVALID_INPUT, "log pattern " + pattern + " needs a name and a one-line regular expression,"
            + " e.g. new LogPattern(\"Out of memory errors\", \"out of memory|oom\")");
      }
    }
    return given;
  }

  /** {@code df -Pk}: total, used and available KiB, found around the capacity column. */
  private static long[] dfKib(HostTarget host, CommandRun run, String output) {
    for (String line : output.split("\n")) {
      String[] words = line.trim().split("\\s+");
      for (int i = 3; i < words.length; i++) {
        if (words[i].matches("\\d+%|-") && words[i - 1].matches("\\d+") && words[i - 2].matches("\\d+")
            && words[i - 3].matches("\\d+")) {
          return new long[] {Long.parseLong(words[i - 3]), Long.parseLong(words[i - 2]), Long.parseLong(words[i - 1])};
        }
      }
    }
    throw nonRetryable(UNEXPECTED_OUTPUT, "on host " + host.name() + ", df printed no file system line: "
        + output.strip(), run.evidence());
  }

  private static String mountOf(String dfOutput) {
    for (String line : dfOutput.split("\n")) {
      Matcher m = Pattern.compile("\\s\\d+%\\s+(.+)$").matcher(line);
      if (m.find()) {
        return m.group(1).strip();
      }
    }
    return "?";
  }

  private static List<SizedPath> sized(Sections out, String name, long unit) {
    return SizedLines.parse(out.find(name).map(Sections.Section::output).orElse(""), unit);
  }

  /** {@code <pid><TAB>VmRSS: N kB} lines: N for {@code pid}, 0 when the process was gone or /proc unreadable. */
  static long residentKib(String rssLines, int pid) {
    for (String line : rssLines.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0 && line.substring(0, tab).strip().equals(String.valueOf(pid))) {
        Matcher m = VM_RSS.matcher(line.substring(tab + 1));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
      }
    }
    return 0;
  }

  private static long number(CommandRun run, Sections out, String name) {
    String text = out.find(name).map(Sections.Section::trimmed).orElse("");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw nonRetryable(UNEXPECTED_OUTPUT, "on host " + run.evidence().host() + ", expected a number from the " + name
          + " reading, got '" + text + "'" + (run.stderr().isBlank() ? "" : " (stderr: " + Text.lastLine(run.stderr()) + ")"),
          run.evidence());
    }
  }

  /**
   * Waits in the worker until {@code deadline} (a sampling interval), heartbeating every second, so
   * a cancelled activity stops between samples and the server sees progress.
   */
  private static void waitUntil(long deadlineNanos, String progress) {
    while (true) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      ActivityContext.heartbeat(progress);
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting between memory samples", e);
      }
    }
  }


}
