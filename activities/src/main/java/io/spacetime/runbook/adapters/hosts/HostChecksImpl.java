package io.spacetime.runbook.adapters.hosts;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.UNEXPECTED_OUTPUT;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.Sections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** {@link HostChecks} over SSH: read-only commands, parsed; several reads share one round trip. */
public final class HostChecksImpl implements HostChecks {

  /** A read the deploy user may not make (the kernel log, the firewall): the report says so, nothing fails. */
  private static final int EXIT_UNREADABLE = 3;
  private static final int CONNECT_TIMEOUT_SECONDS = 3;

  /**
   * Kernel messages of a failing disk or file system (runbook 1.1 "No disk errors in dmesg"): block
   * layer I/O errors, SCSI/ATA medium errors, and the file systems' own error reports.
   */
  static final String DISK_ERRORS = "I/O error|blk_update_request|critical medium error|Medium Error"
      + "|EXT[234]-fs error|XFS .*(error|corrupt)|BTRFS .*error|remounting filesystem read-only";

  /** The count of disk errors in the kernel log; exit 3 with dmesg's own words when it may not be read. */
  private static final String DMESG = """
      out=$(dmesg 2>&1) || { printf '%s\\n' "$out" | head -c 300; exit {unreadable}; }
      printf '%s\\n' "$out" | grep -c -i -E -- {pattern}
      exit 0""";

  /** {@code iptables -S INPUT} as the deploy user, else through sudo without a password (the runbook's {@code sudo iptables}). */
  private static final String FIREWALL = """
      ipt=$(command -v iptables || echo /usr/sbin/iptables)
      test -x "$ipt" || { echo "iptables is not installed"; exit {unreadable}; }
      out=$("$ipt" -S INPUT 2>&1) && { printf '%s\\n' "$out"; exit 0; }
      if command -v sudo >/dev/null 2>&1 && sout=$(sudo -n "$ipt" -S INPUT 2>&1); then printf '%s\\n' "$sout"; exit 0; fi
      printf '%s\\n' "$out" | head -c 300
      exit {unreadable}""";

  /**
   * The TCP connect time from the host: bash's EPOCHREALTIME before and after opening
   * {@code /dev/tcp/host/port}, so no process start is counted.
   */
  private static final String CONNECT_TIME =
      "timeout {seconds} bash -c 's=$EPOCHREALTIME; exec 3<>\"/dev/tcp/$1/$2\" && echo \"$s $EPOCHREALTIME\"'"
          + " connect-time {host} {port} 2>&1";

  /** How many files under the staged release the deploy user cannot read (2.2 "No file permission issues"). */
  private static final String UNREADABLE_FILES = "find {dir} ! -readable 2>/dev/null | wc -l";

  private final HostConnections connections;

  public HostChecksImpl(HostConnections connections) {
    this.connections = connections;
  }

  @Override
  public ServerResources measureServerResources(HostContext context) {
    HostTarget host = context.target();
    String path = context.layout().deployRoot();
    String probe = path + "/.runbook-write-probe-" + UUID.randomUUID();
    ShellCommand script = ShellCommand.sequence(List.of(
        ShellCommand.of("df", "-Pk", path).asSection("df"),
        ShellCommand.of("grep", "-E", "^(MemTotal|MemAvailable):", "/proc/meminfo").asSection("meminfo"),
        ShellCommand.of("cat", "/proc/loadavg").asSection("loadavg"),
        ShellCommand.of("nproc").asSection("nproc"),
        ShellCommand.of("touch", probe).and(ShellCommand.of("rm", "-f", probe)).asSection("write"),
        ShellCommand.template(DMESG, Map.of("pattern", DISK_ERRORS, "unreadable", String.valueOf(EXIT_UNREADABLE)))
            .subshell().asSection("dmesg")));
    CommandRun run = connections.on(host).run(script);
    Sections sections = run.sections();
    Sections.Section dmesg = sections.find("dmesg").orElse(new Sections.Section("", -1));
    Integer diskErrors = dmesg.succeeded() ? Integer.valueOf(parse(run, sections, "dmesg", HostChecksImpl::count)) : null;
    String unreadable = dmesg.succeeded() ? ""
        : dmesg.exitCode() == EXIT_UNREADABLE ? dmesg.trimmed() : "dmesg exited " + dmesg.exitCode();
    return new ServerResources(host.name(), path,
        parse(run, sections, "df", text -> DfParser.parse(text).availableGb()),
        parse(run, sections, "meminfo", MemInfoParser::availableGb),
        parse(run, sections, "loadavg", LoadAvgParser::oneMinute),
        parse(run, sections, "nproc", LoadAvgParser::cores),
        sections.find("write").map(Sections.Section::succeeded).orElse(false),
        List.of(run.evidence()), diskErrors, unreadable);
  }

  @Override
  public NetworkReport inspectNetwork(HostContext context, NetworkSettings network) {
    HostTarget host = context.target();
    List<ShellCommand> sections = new ArrayList<>();
    sections.add(ShellCommand.template(FIREWALL, Map.of("unreadable", String.valueOf(EXIT_UNREADABLE)))
        .subshell().asSection("firewall"));
    String name = network.internalHostname();
    if (!name.isEmpty()) {
      sections.add(ShellCommand.of("getent", "hosts", HostInputs.hostname(name, "network.internalHostname"))
          .asSection("resolve"));
    }
    List<String> endpoints = network.monitoringEndpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      HostInputs.Endpoint endpoint = HostInputs.endpoint(endpoints.get(i), "network.monitoringEndpoints");
      sections.add(ShellCommand.template(CONNECT_TIME, Map.of("host", endpoint.host(),
          "port", String.valueOf(endpoint.port()), "seconds", String.valueOf(CONNECT_TIMEOUT_SECONDS)))
          .asSection("latency-" + i));
    }
    CommandRun run = connections.on(host).run(ShellCommand.sequence(sections));
    Sections out = run.sections();
    Sections.Section firewall = out.find("firewall").orElse(new Sections.Section("", -1));
    List<String> rules = firewall.succeeded() ? lines(firewall.output()) : List.of();
    String firewallUnreadable = firewall.succeeded() ? ""
        : firewall.exitCode() == EXIT_UNREADABLE ? "the firewall rules are not readable: " + firewall.trimmed()
        : "iptables exited " + firewall.exitCode();
    List<String> addresses = List.of();
    String resolveError = "";
    if (!name.isEmpty()) {
      Sections.Section resolved = out.find("resolve").orElse(new Sections.Section("", -1));
      addresses = lines(resolved.output()).stream().map(line -> line.split("\\s+")[0]).distinct().toList();
      resolveError = resolved.succeeded() ? ""
          : resolved.exitCode() == 2 ? "no such name (getent hosts exit 2)" : "getent hosts exit " + resolved.exitCode();
    }
    List<NetworkReport.Latency> latencies = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      latencies.add(latency(endpoints.get(i), out.find("latency-" + i).orElse(new Sections.Section("", -1))));
    }
    return new NetworkReport(host.name(), rules, firewallUnreadable, name, addresses, resolveError, latencies,
        List.of(run.evidence()));
  }

  /** The connect time {@link #CONNECT_TIME} printed ({@code start end} in bash's EPOCHREALTIME), or why it failed. */
  private static NetworkReport.Latency latency(String endpoint, Sections.Section section) {
    String text = section.trimmed();
    if (section.exitCode() == 124) {
      return new NetworkReport.Latency(endpoint, -1, "no connection within " + CONNECT_TIMEOUT_SECONDS + " s");
    }
    String[] times = text.split("\\s+");
    if (!section.succeeded() || times.length != 2) {
      return new NetworkReport.Latency(endpoint, -1, text.isEmpty() ? "connect failed (exit " + section.exitCode() + ")"
          : text.lines().reduce((a, b) -> b).orElse(text));
    }
    try {
      double millis = (Double.parseDouble(times[1].replace(',', '.')) - Double.parseDouble(times[0].replace(',', '.'))) * 1000;
      return new NetworkReport.Latency(endpoint, millis, "");
    } catch (NumberFormatException e) {
      return new NetworkReport.Latency(endpoint, -1, "unexpected timing output '" + text + "' (bash 5 is needed)");
    }
  }

  @Override
  public PortUsage inspectPorts(HostContext context) {
    HostTarget host = context.target();
    List<Integer> ports = context.ports();
    if (ports.isEmpty()) {
      return new PortUsage(host.name(), List.of(), List.of());
    }
    ServicePorts.Listening listening = ServicePorts.inspect(connections.on(host), ports);
    List<PortUsage.PortHolder> holders = ports.stream().map(port -> listening.holder(port)).toList();
    return new PortUsage(host.name(), holders, List.of(listening.run().evidence()));
  }

  @Override
  public CertificateInfo inspectCertificateFile(HostContext context, String certFile) {
    HostTarget host = context.target();
    CommandRun run = connections.on(host)
        .run(ShellCommand.of("openssl", "x509", "-noout", "-enddate", "-subject", "-in", certFile));
    String source = host.name() + ":" + certFile;
    if (!run.succeeded()) {
      return new CertificateInfo(source, "", 0, "openssl could not read " + certFile + " on " + host.name()
          + " (exit " + run.exitCode() + "): " + run.stderr().strip());
    }
    try {
      OpensslDatesParser.Dates dates = OpensslDatesParser.parse(run.stdout());
      return new CertificateInfo(source, dates.subject(), dates.notAfterEpochSeconds(), "");
    } catch (IllegalArgumentException e) {
      return new CertificateInfo(source, "", 0, e.getMessage());
    }
  }

  @Override
  public StagedRelease inspectStagedRelease(HostContext context, List<String> requiredFiles) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    String staging = layout.stagingPath();
    String git = staging + "/.git";
    List<String> required = requiredFiles == null ? List.of() : requiredFiles;
    List<ShellCommand> reads = new ArrayList<>(List.of(
        ShellCommand.of("test", "-d", staging).asSection("present"),
        ShellCommand.of("cat", staging + "/VERSION").asSection("version"),
        ShellCommand.of("test", "-e", git).asSection("git"),
        // Only in a checkout of its own: git would otherwise find a repository in a parent directory.
        ShellCommand.ifThen(ShellCommand.of("test", "-e", git), ShellCommand.sequence(List.of(
            ShellCommand.of("git", "-C", staging, "describe", "--tags").asSection("describe"),
            ShellCommand.of("git", "-C", staging, "rev-parse", "HEAD").asSection("commit"),
            ShellCommand.of("git", "-C", staging, "status", "--porcelain").asSection("status")))),
        ShellCommand.template(UNREADABLE_FILES, Map.of("dir", staging)).asSection("unreadable")));
    for (int i = 0; i < required.size(); i++) {
      String file = HostInputs.relativePath(required.get(i), "requiredFiles");
      reads.add(ShellCommand.of("test", "-r", staging + "/" + file).asSection("required-" + i));
    }
    CommandRun run = connections.on(host).run(ShellCommand.sequence(reads));
    Sections sections = run.sections();
    boolean present = succeeded(sections, "present");
    boolean checkout = succeeded(sections, "git");
    String version = succeeded(sections, "version") ? sections.find("version").orElseThrow().trimmed() : "";
    Sections.Section status = sections.find("status").orElse(null);
    boolean clean = checkout && status != null && status.succeeded() && status.trimmed().isEmpty();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < required.size(); i++) {
      if (!succeeded(sections, "required-" + i)) {
        missing.add(required.get(i));
      }
    }
    int unreadable = present ? parse(run, sections, "unreadable", HostChecksImpl::count) : 0;
    return new StagedRelease(host.name(), present, version, checkout,
        succeeded(sections, "describe") ? sections.find("describe").orElseThrow().trimmed() : "",
        succeeded(sections, "commit") ? sections.find("commit").orElseThrow().trimmed() : "",
        clean, List.of(run.evidence()), missing, unreadable);
  }

  @Override
  public List<ToolVersion> inspectTools(HostContext context, List<ToolRequirement> tools) {
    HostTarget host = context.target();
    RemoteShell shell = connections.on(host);
    List<ToolVersion> found = new ArrayList<>();
    for (ToolRequirement tool : tools) {
      String command = HostInputs.withoutDeployRoot(tool.command(), "the version command of tool '" + tool.name() + "'");
      CommandRun run = shell.run(ShellCommand.configured(command, HostInputs.placeholders(host, null)));
      // java -version prints to stderr, godot --version to stdout: look at both.
      String version = VersionParser.firstVersion(run.stdout() + "\n" + run.stderr()).orElse("");
      found.add(new ToolVersion(tool.name(), run.succeeded(), version, tool.minVersion(), run.evidence()));
    }
    return found;
  }

  @Override
  public ReleaseState inspectRelease(HostContext context) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    ReleaseLinks.State state = ReleaseLinks.read(connections.on(host), layout);
    String current = state.currentDir();
    return new ReleaseState(host.name(), current,
        current.isEmpty() ? "" : ReleaseLinks.versionOf(state, current, layout.production()).orElse(""),
        state.backupDir(), state.releaseDirs(), List.of(state.run().evidence()), state.versions(), state.history());
  }

  @Override
  public CommandEvidence runConfiguredCommand(HostContext context, String directory, String command, int timeoutSeconds) {
    HostTarget host = context.target();
    String checked = HostInputs.withoutDeployRoot(command, "the configured command");
    ShellCommand script = ShellCommand.configured(checked, HostInputs.placeholders(host, null)).subshell()
        .inDirectory(directory);
    return connections.on(host).run(script, Duration.ofSeconds(Math.max(1, timeoutSeconds)), "the step's own limit (e.g. staging.testTimeoutSeconds)").evidence();
  }

  private static int count(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a count, got '" + text.strip() + "'");
    }
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static boolean succeeded(Sections sections, String name) {
    return sections.find(name).map(Sections.Section::succeeded).orElse(false);
  }

  private static <T> T parse(CommandRun run, Sections sections, String name, Function<String, T> parser) {
    String text = sections.find(name).map(Sections.Section::output).orElse("");
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw nonRetryable(UNEXPECTED_OUTPUT, "on host " + run.evidence().host() + ", the " + name + " reading failed: "
          + e.getMessage() + (run.stderr().isBlank() ? "" : " (stderr: " + run.stderr().strip() + ")"),
          run.evidence());
    }
  }
}
