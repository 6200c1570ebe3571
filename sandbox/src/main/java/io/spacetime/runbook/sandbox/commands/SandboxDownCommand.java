package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.SandboxManifest;
import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.hosts.SandboxProcesses;
import io.spacetime.runbook.sandbox.releases.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox down}: stops the daemon (which stops the services and SSH servers), then makes
 * sure nothing of the sandbox still runs, even if the daemon had died (services, every sshd
 * process, stand-ins the scripts lost track of), and removes the sandbox directory and its
 * environment file. A worker's pooled connections to the hosts break: their next command fails
 * (or, once a new sandbox is up, logs in to it).
 */
@Command(name = "down",
    description = {
        "Stop the sandbox and remove it.",
        "",
        "Stops the daemon, every host's service and staging instance and the SSH servers, then "
            + "removes the sandbox directory and its environment file. Safe to run twice."},
    footerHeading = "%nExample:%n",
    footer = "  ./runbook sandbox down")
final class SandboxDownCommand implements Callable<Integer> {

  /** The daemon stops every host's service, each within the script's own 10 s bound. */
  private static final Duration DAEMON_STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SSHD_STOP_TIMEOUT = Duration.ofSeconds(5);

  @ParentCommand SandboxCommand parent;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "Sandbox directory (default: $RUNBOOK_HOME/sandbox).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path sandboxDir = parent.sandboxDir(dir);
    if (!Files.exists(sandboxDir)) {
      out.printf("No sandbox in %s: nothing to stop.%n", sandboxDir);
      return 0;
    }
    Optional<ProcessHandle> daemon = new DaemonFiles(sandboxDir).runningDaemon();
    if (daemon.isPresent()) {
      stopDaemon(daemon.get());
      out.printf("Stopped the sandbox daemon (pid %d).%n", daemon.get().pid());
    }
    if (SandboxManifest.exists(sandboxDir)) {
      SandboxManifest manifest = SandboxManifest.read(sandboxDir);
      for (SandboxHost host : manifest.hosts()) {
        // No-ops when the daemon stopped them; needed when it had died.
        HostControl.runServiceScript(host, "stop");
        HostControl.runServiceScript(host, "staging-stop");
        killOrphanedSshd(sandboxDir.resolve("sshd").resolve(host.name()).resolve("sshd.pid"));
      }
      SandboxProcesses.endLeftovers(sandboxDir);
      Files.deleteIfExists(manifest.environmentFile());
      out.printf("Removed the environment file %s.%n", manifest.environmentFile());
    }
    FileTrees.delete(sandboxDir);
    out.printf("Removed %s.%n", sandboxDir);
    return 0;
  }

  private static void stopDaemon(ProcessHandle daemon) throws InterruptedException {
    daemon.destroy();
    try {
      daemon.onExit().get(DAEMON_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      daemon.destroyForcibly();
    }
  }

  /**
   * An OpenSSH host's sshd, and the sshd of every connection it serves, outlive a daemon killed
   * with SIGKILL; the pid file finds the listener, and its tree holds the rest.
   */
  private static void killOrphanedSshd(Path pidFile) throws InterruptedException {
    Optional<ProcessHandle> sshd;
    try {
      sshd = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .filter(p -> p.info().command().map(c -> c.endsWith("sshd")).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return; // No pid file (embedded hosts) or a stale one: nothing runs.
    }
    if (sshd.isPresent()) {
      SandboxProcesses.killTree(sshd.get(), SSHD_STOP_TIMEOUT);
    }
  }
}
