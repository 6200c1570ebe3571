package io.spacetime.runbook.adapters.hosts;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.HOST_COMMAND_FAILED;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;
import static io.spacetime.runbook.core.FailureTypes.LOG_MISSING;
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
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServiceActivities} over SSH with the environment's service commands. The state of the
 * service (is-active, its ports on the service address, the log size) is read in one round trip.
 * Starts are sent at most once and only after reading whether the service already runs, so a
 * retried activity whose first start did run (its answer lost) does not start it again.
 */
public final class ServiceActivitiesImpl implements ServiceActivities {

  private static final Logger log = LoggerFactory.getLogger(ServiceActivitiesImpl.class);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int EXIT_LOG_MISSING = 7;
  private static final int SAMPLE_LINES = 5;

  private static final String LOG_SIZE = "if test -f {log}; then wc -c < {log}; else echo 0; fi";

  /**
   * Matches after {@code offset}; a log shorter than the offset was rotated or truncated, and is
   * then read from its start.
   */
  private static final String SCAN_LOG = """
      test -f {log} || exit {logMissing}
      size=$(wc -c < {log})
      start={start}
      if [ "$size" -lt {offset} ]; then start=1; fi
      echo "$start"
      tail -c +"$start" {log} | grep -c -F -- {pattern}
      tail -c +"$start" {log} | grep -F -m {samples} -- {pattern} | cut -c 1-300
      exit 0""";

  /** A usage sample longer than this would hold the activity past a quick check. */
  private static final int MAX_SAMPLE_MILLIS = 10_000;

  /**
   * The pids whose working directory is the release the production link points at: what still
   * runs from it after a stop (the runbook's {@code ps aux | grep godot}, without matching by name).
   */
  private static final String LINGERING = """
      dir=$(readlink -f {link}) || exit 0
      echo "$dir"
      for p in /proc/[0-9]*; do
        c=$(readlink "$p/cwd" 2>/dev/null) || continue
        case "$c" in "$dir"|"$dir"/*) echo "${p#/proc/}";; esac
      done
      exit 0""";

  private final HostConnections connections;

  public ServiceActivitiesImpl(HostConnections connections) {
    this.connections = connections;
  }

  @Override
  public ServiceState stopService(HostContext context, int timeoutSeconds) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    List<Integer> ports = context.ports();
    RemoteShell shell = connections.on(host);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, timeoutSeconds));
    Snapshot before = snapshot(shell, layout, service, ports);
    if (before.stopped()) {
      Lingering lingering = lingering(shell, layout);
      return before.state(host, before.logSize(), List.of(before.run().evidence(), lingering.run().evidence()),
          lingering.pids());
    }
    CommandRun stop = shell.run(configured(host, layout, service.stop()));
    log.info("{}: stop command exited {}: {}", host.name(), stop.exitCode(), service.stop());
    Snapshot now = snapshot(shell, layout, service, ports);
    while (!now.stopped() && System.nanoTime() < deadline) {
      ActivityContext.heartbeat("waiting for the service to stop: active=" + now.active() + ", listening="
          + now.listening());
      sleep(POLL_INTERVAL);
      now = snapshot(shell, layout, service, ports);
    }
    log.info("{}: service {} (active={}, listening ports {})", host.name(),
        now.stopped() ? "stopped" : "did not stop within " + timeoutSeconds + " s", now.active(), now.listening());
    Lingering lingering = lingering(shell, layout);
    log.info("{}: processes still running from {}: {}", host.name(), lingering.dir(), lingering.pids());
    return now.state(host, now.logSize(), List.of(before.run().evidence(), stop.evidence(), now.run().evidence(),
        lingering.run().evidence()), lingering.pids());
  }

  @Override
  public ServiceUsage measureUsage(HostContext context, int sampleMillis) {
    HostTarget host = context.target();
    List<Integer> ports = context.ports();
    RemoteShell shell = connections.on(host);
    if (ports.isEmpty()) {
      return new ServiceUsage(host.name(), 0, 0, -1, -1, 0, "no service ports configured", List.of());
    }
    int apiPort = ports.get(0);
    ServicePorts.Listening before = ServicePorts.inspect(shell, List.of(apiPort));
    int pid = before.holder(apiPort).pid();
    List<CommandEvidence> commands = new ArrayList<>(List.of(before.run().evidence()));
    if (!before.holder(apiPort).listening()) {
      return new ServiceUsage(host.name(), 0, 0, -1, -1, 0, "nothing listens on the API port " + apiPort, commands);
    }
    if (pid <= 0) {
      return new ServiceUsage(host.name(), 0, 0, -1, -1, 0, "the pid of the process on port " + apiPort
          + " is not visible to " + host.user() + " (ss -p shows it only for the user's own processes or root)", commands);
    }
    int millis = Math.max(100, Math.min(sampleMillis, MAX_SAMPLE_MILLIS));
    // Two readings of the process's CPU ticks and the host's uptime around a sleep, its resident
    // memory, and who listens on the API port afterwards (a restarted service has another pid).
    String proc = "/proc/" + pid;
    CommandRun sample = shell.run(ShellCommand.sequence(List.of(
        ShellCommand.of("getconf", "CLK_TCK").asSection("clock"),
        ShellCommand.of("cat", proc + "/stat").asSection("stat-1"),
        ShellCommand.of("cat", "/proc/uptime").asSection("uptime-1"),
        ShellCommand.of("sleep", String.format(Locale.ROOT, "%.3f", millis / 1000.0)),
        ShellCommand.of("cat", proc + "/stat").asSection("stat-2"),
        ShellCommand.of("cat", "/proc/uptime").asSection("uptime-2"),
        ShellCommand.of("grep", "VmRSS", proc + "/status").asSection("status"),
        ServicePorts.command(List.of(apiPort)).asSection("listeners"))));
    commands.add(sample.evidence());
    Sections out = sample.sections();
    ProcessSample first = ProcessSample.parse(out.find("stat-1").map(Sections.Section::output).orElse(""),
        out.find("uptime-1").map(Sections.Section::output).orElse(""));
    ProcessSample last = ProcessSample.parse(out.find("stat-2").map(Sections.Section::output).orElse(""),
        out.find("uptime-2").map(Sections.Section::output).orElse(""));
    int pidAfter = ServicePorts.parse(host, out.find("listeners").map(Sections.Section::output).orElse(""), sample)
        .holder(apiPort).pid();
    long rss = ProcessSample.residentBytes(out.find("status").map(Sections.Section::output).orElse(""));
    long ticks = ProcessSample.ticksPerSecond(out.find("clock").map(Sections.Section::output).orElse(""));
    if (first == null || last == null || ticks <= 0) {
      return new ServiceUsage(host.name(), pid, pidAfter, -1, rss, millis, "process " + pid
          + " exited during the sample or /proc/" + pid + " is not readable by " + host.user(), commands);
    }
    double wall = last.uptimeSeconds() - first.uptimeSeconds();
    double cpu = wall <= 0 ? -1 : 100.0 * (last.cpuTicks() - first.cpuTicks()) / ticks / wall;
    log.info("{}: service pid {} then {}: CPU {}% over {} ms, RSS {} bytes", host.name(), pid, pidAfter,
        String.format(Locale.ROOT, "%.1f", cpu), millis, rss);
    return new ServiceUsage(host.name(), pid, pidAfter, cpu, rss, Math.round(wall * 1000), "", commands);
  }

  @Override
  public ServiceState startService(HostContext context) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    List<Integer> ports = context.ports();
    RemoteShell shell = connections.on(host);
    Snapshot before = snapshot(shell, layout, service, ports);
    if (before.active()) {
      log.info("{}: service already active; start skipped", host.name());
      return before.started(host, before.logSize(), true, shell, List.of(before.run().evidence()));
    }
    // At most once: a start whose answer was lost fails this attempt, and the retry's snapshot above decides.
    CommandRun start = shell.runAtMostOnce(configured(host, layout, service.start()));
    log.info("{}: start command exited {}: {}", host.name(), start.exitCode(), service.start());
    Snapshot after = snapshot(shell, layout, service, ports);
    return after.started(host, before.logSize(), false, shell,
        List.of(before.run().evidence(), start.evidence(), after.run().evidence()));
  }

  @Override
  public ServiceState serviceState(HostContext context) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    List<Integer> ports = context.ports();
    RemoteShell shell = connections.on(host);
    Snapshot now = snapshot(shell, layout, service, ports);
    return now.started(host, now.logSize(), false, shell, List.of(now.run().evidence()));
  }

  @Override
  public LogScan scanLog(HostContext context, long fromOffset, String pattern) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    if (pattern == null || pattern.isEmpty()) {
      throw nonRetryable(INVALID_INPUT, "scanLog needs a pattern to look for (e.g. \"ERROR\")");
    }
    String logFile = layout.resolve(service.logFile());
    long offset = Math.max(0, fromOffset);
    CommandRun run = connections.on(host).run(ShellCommand.template(SCAN_LOG, Map.of(
        "log", logFile, "logMissing", String.valueOf(EXIT_LOG_MISSING), "offset", String.valueOf(offset),
        "start", String.valueOf(offset + 1), "pattern", pattern, "samples", String.valueOf(SAMPLE_LINES))));
    if (run.exitCode() == EXIT_LOG_MISSING) {
      throw nonRetryable(LOG_MISSING, "on host " + host.name() + ", the service log " + logFile
          + " (service.logFile) does not exist; point service.logFile at the file the service writes", run.evidence());
    }
    run.requireSuccess("reading the service log " + logFile);
    List<String> lines = Arrays.asList(run.stdout().split("\n", -1));
    if (lines.size() < 2) {
      throw nonRetryable(UNEXPECTED_OUTPUT, "on host " + host.name() + ", the log scan printed '" + run.stdout() + "'",
          run.evidence());
    }
    long readFrom = Long.parseLong(lines.get(0).trim()) - 1;
    int matches = Integer.parseInt(lines.get(1).trim());
    List<String> sample = lines.subList(2, lines.size()).stream().filter(line -> !line.isEmpty()).toList();
    return new LogScan(host.name(), logFile, readFrom, matches, sample, run.evidence());
  }

  @Override
  public CommandEvidence runServiceCommand(HostContext context, String command, int timeoutSeconds) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    return connections.on(host)
        .run(configured(host, layout, command), Duration.ofSeconds(Math.max(1, timeoutSeconds)), "the step's own limit")
        .evidence();
  }

  @Override
  public CommandEvidence startStaging(HostContext context, StagingSettings staging, int timeoutSeconds) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    RemoteShell shell = connections.on(host);
    StagingCheck check = stagingCheck(shell, layout, staging);
    if (check.running()) {
      log.info("{}: staging already runs ({}); start skipped", host.name(), check.how());
      CommandEvidence seen = check.evidence();
      return new CommandEvidence(seen.host(), seen.command(), 0, "staging already runs (" + check.how()
          + "): start skipped\n" + seen.stdoutTail(), seen.stderrTail(), seen.durationMs());
    }
    // At most once: a start whose answer was lost fails this attempt, and the retry's check above decides.
    CommandRun start = shell.runAtMostOnce(configured(host, layout, staging.start()),
        Duration.ofSeconds(Math.max(1, timeoutSeconds)), "the staging start limit");
    log.info("{}: staging start exited {}: {}", host.name(), start.exitCode(), staging.start());
    return start.evidence();
  }

  /** The release the link points at and the pids still running from it. */
  private record Lingering(String dir, List<Integer> pids, CommandRun run) {}

  private static Lingering lingering(RemoteShell shell, Layout layout) {
    CommandRun run = shell.run(ShellCommand.template(LINGERING, Map.of("link", layout.productionLink())));
    List<String> lines = run.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String dir = lines.isEmpty() ? "" : lines.get(0);
    List<Integer> pids = lines.stream().skip(1).filter(l -> l.matches("[0-9]+")).map(Integer::valueOf).toList();
    return new Lingering(dir, pids, run);
  }

  /** Whether staging runs, how that was found out, and the command that found it out. */
  private record StagingCheck(boolean running, String how, CommandEvidence evidence) {}

  /** The operator's {@code staging.isActive} if configured; else a listener on a staging port. */
  private static StagingCheck stagingCheck(RemoteShell shell, Layout layout, StagingSettings staging) {
    if (!staging.isActive().isEmpty()) {
      CommandRun run = shell.run(configured(shell.host(), layout, staging.isActive()));
      return new StagingCheck(run.succeeded(), "staging.isActive exited " + run.exitCode(), run.evidence());
    }
    List<Integer> ports = Stream.of(staging.apiPort(), staging.telemetryPort()).distinct().toList();
    ServicePorts.Listening listening = ServicePorts.inspect(shell, ports);
    List<Integer> busy = listening.listeningPorts(ports);
    return new StagingCheck(!busy.isEmpty(), "listening on " + busy, listening.run().evidence());
  }

  /** The service as seen in one round trip: is-active, its listening ports, the log size. */
  private record Snapshot(boolean active, List<Integer> listening, long logSize, int apiPort, int apiPid, CommandRun run) {

    boolean stopped() {
      return !active && listening.isEmpty();
    }

    ServiceState state(HostTarget host, long logOffset, List<CommandEvidence> commands) {
      return state(host, logOffset, commands, List.of());
    }

    ServiceState state(HostTarget host, long logOffset, List<CommandEvidence> commands, List<Integer> lingering) {
      return new ServiceState(host.name(), active, listening, logOffset, commands, false, "", "", apiPid, lingering);
    }

    /**
     * The state after a start, with the directory the API port's process runs from: what proves
     * which release answers (a service manager's {@code WorkingDirectory=/opt/spacetime/production}
     * resolves the link when the process starts, so its working directory names the release).
     */
    ServiceState started(HostTarget host, long logOffset, boolean skipped, RemoteShell shell, List<CommandEvidence> commands) {
      List<CommandEvidence> all = new ArrayList<>(commands);
      String dir = "";
      String unknown;
      if (apiPort == 0 || !listening.contains(apiPort)) {
        unknown = "nothing listens on the API port" + (apiPort == 0 ? "" : " " + apiPort);
      } else if (apiPid <= 0) {
        unknown = "the pid of the process on port " + apiPort + " is not visible to " + host.user()
            + " (ss -p shows it only for the user's own processes or root)";
      } else {
        CommandRun cwd = shell.run(ShellCommand.of("readlink", "-f", "/proc/" + apiPid + "/cwd"));
        all.add(cwd.evidence());
        dir = cwd.succeeded() ? cwd.stdout().strip() : "";
        unknown = dir.isEmpty() ? "cannot read /proc/" + apiPid + "/cwd as " + host.user() + " (exit " + cwd.exitCode() + ")" : "";
      }
      return new ServiceState(host.name(), active, listening, logOffset, all, skipped, dir, unknown, apiPid, List.of());
    }
  }

  private static Snapshot snapshot(RemoteShell shell, Layout layout, ServiceCommands service, List<Integer> ports) {
    HostTarget host = shell.host();
    List<ShellCommand> sections = new ArrayList<>();
    sections.add(configured(host, layout, service.isActive()).subshell().asSection("active"));
    if (!ports.isEmpty()) {
      sections.add(ServicePorts.command(ports).asSection("listeners"));
    }
    sections.add(ShellCommand.template(LOG_SIZE, Map.of("log", layout.resolve(service.logFile()))).asSection("log"));
    CommandRun run = shell.run(ShellCommand.sequence(sections));
    Sections out = run.sections();
    boolean active = out.find("active").map(Sections.Section::succeeded).orElse(false);
    List<Integer> listening = List.of();
    int apiPid = 0;
    if (!ports.isEmpty()) {
      Sections.Section ss = out.find("listeners").orElse(new Sections.Section("", -1));
      if (!ss.succeeded()) {
        throw nonRetryable(HOST_COMMAND_FAILED, "on host " + host.name() + ", listing listening sockets with ss"
            + " (package iproute2) failed (exit " + ss.exitCode() + "): " + run.stderr().strip(), run.evidence());
      }
      ServicePorts.Listening listeners = ServicePorts.parse(host, ss.output(), run);
      listening = listeners.listeningPorts(ports);
      apiPid = listeners.holder(ports.get(0)).pid();
    }
    long logSize = out.find("log").map(s -> parseLong(s.trimmed())).orElse(0L);
    return new Snapshot(active, listening, logSize, ports.isEmpty() ? 0 : ports.get(0), apiPid, run);
  }

  private static ShellCommand configured(HostTarget host, Layout layout, String command) {
    return ShellCommand.configured(command, HostInputs.placeholders(host, layout));
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the service to stop", e);
    }
  }
}
