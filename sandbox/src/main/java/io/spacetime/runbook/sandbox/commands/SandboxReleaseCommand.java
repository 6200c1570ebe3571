package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.SandboxManifest;
import io.spacetime.runbook.sandbox.hosts.HostLayout;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.sandbox.releases.ReleaseBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox release VERSION}: writes a release, healthy or with a {@link Fault}, into every
 * host's {@code staging/}, ready for {@code deploy --version VERSION}. Works on the sandbox
 * directory directly; the daemon need not run.
 */
@Command(name = "release",
    description = {
        "Stage a release on every host, for 'deploy --version VERSION'.",
        "",
        "Writes the release into every host's staging/ directory, replacing what was there. A fault "
            + "makes the release fail one of the runbook's gates. By default the fault shows only with "
            + "the production config: the release passes the staging tests and only a rollback "
            + "catches it. The daemon need not run."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./runbook sandbox release v2.5.1",
        "  ./runbook sandbox release v2.6.0 --fault never-ready",
        "  ./runbook sandbox release v2.6.1 --fault scene-500 --scope staging",
        "",
        "Faults:",
        "  wont-start    the service logs an ERROR and exits at once",
        "  never-ready   DAP/LSP stay 'connecting': overall_ready never becomes true",
        "  slow          every response takes 250 ms longer",
        "  scene-500     POST /scene/load answers 500",
        "  error-log     healthy, but an ERROR line in the log every second",
        "  degrades      healthy for 20 s after start, then 20 %% of requests but",
        "                GET /status answer 500 (only the watch window sees it)"})
final class SandboxReleaseCommand implements Callable<Integer> {

  @ParentCommand SandboxCommand parent;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VERSION", description = "Release version, like v2.5.0 or v2.6.0-rc.1.")
  String version;

  @Option(names = "--fault", defaultValue = "none", paramLabel = "FAULT", converter = FaultConverter.class,
      completionCandidates = FaultNames.class,
      description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Fault fault;

  @Option(names = "--scope", defaultValue = "production", paramLabel = "SCOPE", converter = ScopeConverter.class,
      completionCandidates = ScopeNames.class,
      description = "Where the fault shows: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  FaultScope scope;

  @Option(names = "--dir", paramLabel = "DIR", description = "Sandbox directory (default: $RUNBOOK_HOME/sandbox).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ReleaseBuilder.requireVersion(version);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    }
    Path sandboxDir = parent.sandboxDir(dir);
    if (!SandboxManifest.exists(sandboxDir)) {
      err.printf("No sandbox in %s. Start one with: ./runbook sandbox up%n", sandboxDir);
      return 1;
    }
    SandboxManifest manifest = SandboxManifest.read(sandboxDir);
    HostLayout.stage(ReleaseBuilder.release(version).fault(fault).scope(scope), manifest.hosts());
    out.printf("Staged %s on %s (%s).%n", version, HostTable.count(manifest),
        fault == Fault.NONE ? "healthy" : "fault " + fault + " with the " + scope + " config");
    out.printf("Next: ./runbook deploy --env %s --version %s%n", manifest.environmentName(), version);
    return 0;
  }

  static final class FaultConverter implements ITypeConverter<Fault> {
    @Override
    public Fault convert(String value) {
      return Fault.fromName(value);
    }
  }

  static final class ScopeConverter implements ITypeConverter<FaultScope> {
    @Override
    public FaultScope convert(String value) {
      return FaultScope.fromName(value);
    }
  }

  static final class FaultNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Fault.values()).map(Fault::jsonName).iterator();
    }
  }

  static final class ScopeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(FaultScope.values()).map(FaultScope::jsonName).iterator();
    }
  }
}
