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
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** {@link HostChecks} over SSH: read-only commands, parsed; several reads share one round trip. */
public final class HostChecksImpl implements HostChecks {

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
        ShellCommand.of("touch", probe).and(ShellCommand.of("rm", "-f", probe)).asSection("write")));
    CommandRun run = connections.on(host).run(script);
    Sections sections = run.sections();
    return new ServerResources(host.name(), path,
        parse(run, sections, "df", text -> DfParser.parse(text).availableGb()),
        parse(run, sections, "meminfo", MemInfoParser::availableGb),
        parse(run, sections, "loadavg", LoadAvgParser::oneMinute),
        parse(run, sections, "nproc", LoadAvgParser::cores),
        sections.find("write").map(Sections.Section::succeeded).orElse(false),
        List.of(run.evidence()));
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
  public StagedRelease inspectStagedRelease(HostContext context) {
    HostTarget host = context.target();
    Layout layout = context.layout();
    String staging = layout.stagingPath();
    String git = staging + "/.git";
    ShellCommand script = ShellCommand.sequence(List.of(
        ShellCommand.of("test", "-d", staging).asSection("present"),
        ShellCommand.of("cat", staging + "/VERSION").asSection("version"),
        ShellCommand.of("test", "-e", git).asSection("git"),
        // Only in a checkout of its own: git would otherwise find a repository in a parent directory.
        ShellCommand.ifThen(ShellCommand.of("test", "-e", git), ShellCommand.sequence(List.of(
            ShellCommand.of("git", "-C", staging, "describe", "--tags").asSection("describe"),
            ShellCommand.of("git", "-C", staging, "rev-parse", "HEAD").asSection("commit"),
            ShellCommand.of("git", "-C", staging, "status", "--porcelain").asSection("status"))))));
    CommandRun run = connections.on(host).run(script);
    Sections sections = run.sections();
    boolean present = succeeded(sections, "present");
    boolean checkout = succeeded(sections, "git");
    String version = succeeded(sections, "version") ? sections.find("version").orElseThrow().trimmed() : "";
    Sections.Section status = sections.find("status").orElse(null);
    boolean clean = checkout && status != null && status.succeeded() && status.trimmed().isEmpty();
    return new StagedRelease(host.name(), present, version, checkout,
        succeeded(sections, "describe") ? sections.find("describe").orElseThrow().trimmed() : "",
        succeeded(sections, "commit") ? sections.find("commit").orElseThrow().trimmed() : "",
        clean, List.of(run.evidence()));
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
