package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The process behind {@code sandbox up}: starts a {@link Sandbox} and keeps it (and with it the
 * embedded SSH servers or the sshd processes) running until SIGTERM, which {@code sandbox down}
 * sends; the shutdown hook then stops every service and SSH server. Writes {@code daemon.pid} at
 * once and {@code daemon.ready} when every host is ready; exits 1 if the sandbox cannot start.
 * Public because {@code sandbox up} launches it by class name, in a JVM of its own.
 */
@Command(name = "sandbox-daemon", hidden = true,
    description = "Runs a sandbox in the foreground until SIGTERM. 'sandbox up' starts it in the background.")
public final class SandboxDaemon implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(SandboxDaemon.class);

  @Option(names = "--dir", required = true, description = "Sandbox directory.")
  Path dir;

  @Option(names = "--environments-dir", required = true, description = "Where to write the environment file.")
  Path environmentsDir;

  @Option(names = "--hosts", defaultValue = "3", description = "Number of hosts (default: ${DEFAULT-VALUE}).")
  int hosts;

  @Option(names = "--subnet", defaultValue = "0", description = "Hosts are 127.0.<subnet>.2, .3, ...")
  int subnet;

  @Option(names = "--openssh", description = "Run a real OpenSSH sshd per host.")
  boolean openssh;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SandboxDaemon()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    DaemonFiles files = new DaemonFiles(dir);
    Files.createDirectories(dir);
    Files.writeString(files.pidFile(), ProcessHandle.current().pid() + "\n");
    Sandbox sandbox;
    try {
      sandbox = Sandbox.builder().root(dir).hosts(hosts).subnet(subnet).openssh(openssh)
          .environmentsDir(environmentsDir).start();
    } catch (Exception e) {
      log.error("The sandbox did not start: {}", e.getMessage());
      Files.deleteIfExists(files.pidFile());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping the sandbox");
      sandbox.close(); // the sandbox's own hook may be closing it too; close() waits for that and is idempotent
      try {
        Files.deleteIfExists(files.readyFile());
        Files.deleteIfExists(files.pidFile());
      } catch (IOException e) {
        log.warn("Could not remove the daemon files: {}", e.getMessage());
      }
    }, "sandbox-shutdown"));
    Files.writeString(files.readyFile(), ProcessHandle.current().pid() + "\n");
    log.info("Sandbox ready; stop it with: ./runbook sandbox down");
    // Runs until SIGTERM: the shutdown hook does the cleanup, then the JVM exits.
    new CountDownLatch(1).await();
    return 0;
  }
}
