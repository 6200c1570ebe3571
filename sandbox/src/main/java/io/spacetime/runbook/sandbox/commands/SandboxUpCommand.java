package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.SandboxManifest;
import io.spacetime.runbook.sandbox.hosts.OpenSshHost;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.ServiceScript;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox up}: starts a {@link SandboxDaemon} in the background (its own session, so it
 * survives the terminal) and returns once every host is ready, printing the hosts, the
 * environment file and the command to run next.
 */
@Command(name = "up",
    description = {
        "Start the sandbox in the background; return once every host serves its release.",
        "",
        "Hosts start with v2.4.0 in production and a healthy v2.5.0 in staging/. Writes the "
            + "environment file 'sandbox' ($RUNBOOK_HOME/environments/sandbox.yaml) and prints the "
            + "command to run next. Does nothing if a sandbox is already running."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./runbook sandbox up                       # 3 hosts, embedded MINA SSHD",
        "  ./runbook sandbox up --hosts 5 --openssh   # 5 hosts, a real OpenSSH sshd each"})
final class SandboxUpCommand implements Callable<Integer> {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @ParentCommand SandboxCommand parent;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Option(names = "--hosts", defaultValue = "3", paramLabel = "N",
      description = "Number of hosts (default: ${DEFAULT-VALUE}).")
  int hosts;

  @Option(names = "--openssh",
      description = "Run a real OpenSSH sshd per host (needs the openssh-server package) instead of embedded MINA SSHD.")
  boolean openssh;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Sandbox directory (default: $RUNBOOK_HOME/sandbox).")
  Path dir;

  @Option(names = "--subnet", defaultValue = "0", paramLabel = "X",
      description = "Hosts get 127.0.X.2, 127.0.X.3, ... (default: ${DEFAULT-VALUE}).")
  int subnet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path sandboxDir = parent.sandboxDir(dir);
    DaemonFiles files = new DaemonFiles(sandboxDir);
    Optional<ProcessHandle> running = files.runningDaemon();
    if (running.isPresent()) {
      out.printf("A sandbox is already running in %s (daemon pid %d); 'sandbox down' stops it.%n", sandboxDir,
          running.get().pid());
      return printStatus(out, sandboxDir);
    }
    if (openssh) {
      OpenSshHost.requireInstalled();
    }
    Files.createDirectories(sandboxDir);
    Files.deleteIfExists(files.readyFile());
    long started = System.nanoTime();
    Process daemon = spawnDaemon(sandboxDir, files);
    boolean ready = Poll.until(START_TIMEOUT, Poll.INTERVAL, () -> files.ready() || !daemon.isAlive(), done -> done)
        && files.ready();
    if (!ready) {
      boolean timedOut = daemon.isAlive();
      if (timedOut) {
        daemon.destroy();
      }
      err.printf("The sandbox did not start%s. %s ends with:%n%s%nFix the cause, then: ./runbook sandbox down;"
              + " ./runbook sandbox up%n",
          timedOut ? " within " + START_TIMEOUT.toSeconds() + " s" : "", files.logFile(),
          Poll.tail(files.logFile(), 25));
      return 1;
    }
    SandboxManifest manifest = SandboxManifest.read(sandboxDir);
    out.printf("Sandbox up in %.1f s: %s (%s), daemon pid %s%n", (System.nanoTime() - started) / 1e9,
        HostTable.count(manifest), manifest.openssh() ? "OpenSSH sshd" : "embedded MINA SSHD",
        Files.readString(files.readyFile()).trim());
    HostTable.print(out, manifest);
    String staged = HostTable.stagedVersion(manifest.hosts().get(0));
    out.printf("%nEnvironment file:  %s%n", manifest.environmentFile());
    out.printf("Sandbox directory: %s (log: %s)%n", sandboxDir, files.logFile().getFileName());
    out.printf("%nNext:%n");
    out.printf("  ./runbook deploy --env %s --version %s%n", manifest.environmentName(), staged);
    out.printf("  ./runbook sandbox release v2.6.0 --fault never-ready   # then deploy it: it rolls back%n");
    out.printf("  ./runbook sandbox down%n");
    return 0;
  }

  private Process spawnDaemon(Path sandboxDir, DaemonFiles files) throws IOException {
    List<String> command = new ArrayList<>();
    // setsid: the daemon leaves this terminal's session, so closing the terminal does not stop it.
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid");
    }
    command.addAll(List.of(ServiceScript.currentJava(), "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), SandboxDaemon.class.getName(),
        "--dir", sandboxDir.toString(),
        "--environments-dir", parent.home().environmentsDir().toString(),
        "--hosts", Integer.toString(hosts),
        "--subnet", Integer.toString(subnet)));
    if (openssh) {
      command.add("--openssh");
    }
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()))
        .start();
  }

  private static int printStatus(PrintWriter out, Path sandboxDir) throws Exception {
    if (SandboxManifest.exists(sandboxDir)) {
      HostTable.print(out, SandboxManifest.read(sandboxDir));
    }
    return 0;
  }
}
