package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.SandboxManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox status}: each host's production release, service state, staged release and /status. */
@Command(name = "status",
    description = {
        "Show each host's release, service state and readiness.",
        "",
        "Per host: the SSH address, the release the production link points to, whether the service "
            + "is active, the release in staging/, and what GET /status answers; then the conditions "
            + "that hold (see 'induce') and the scheduled restarts. Exit status 1 when there is no "
            + "sandbox."},
    footerHeading = "%nExample:%n",
    footer = "  ./runbook sandbox status")
final class SandboxStatusCommand implements Callable<Integer> {

  @ParentCommand SandboxCommand parent;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "Sandbox directory (default: $RUNBOOK_HOME/sandbox).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path sandboxDir = parent.sandboxDir(dir);
    if (!SandboxManifest.exists(sandboxDir)) {
      spec.commandLine().getErr().printf("No sandbox in %s. Start one with: ./runbook sandbox up%n", sandboxDir);
      return 1;
    }
    SandboxManifest manifest = SandboxManifest.read(sandboxDir);
    Optional<ProcessHandle> daemon = new DaemonFiles(sandboxDir).runningDaemon();
    out.printf("Sandbox %s: %s (%s), daemon %s%n", sandboxDir, HostTable.count(manifest),
        manifest.openssh() ? "OpenSSH sshd" : "embedded MINA SSHD",
        daemon.map(p -> "running (pid " + p.pid() + ")").orElse("not running: SSH is down, run 'sandbox up'"));
    HostTable.print(out, manifest);
    HostTable.printConditions(out, manifest);
    out.printf("Environment file: %s%n", manifest.environmentFile());
    return 0;
  }
}
