package io.spacetime.runbook.sandbox.hosts;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the sandbox does on a host directly, not over SSH: run the service script, read where
 * the production link points. Used by the sandbox and by the {@code sandbox} CLI commands, which
 * work on a running sandbox's directory without its daemon. Every script run is bounded by
 * {@link #SCRIPT_TIMEOUT}.
 */
public final class HostControl {

  /** The script's own stop waits up to 10 s before SIGKILL; leave room for that. */
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

  private HostControl() {}

  /** Result of one {@code spacetime-service <action>}. */
  public record ScriptRun(String action, int exitCode, String output) {}

  public static ScriptRun runServiceScript(SandboxHost host, String action) throws IOException, InterruptedException {
    // Output goes to a file, not a pipe: waiting is then bounded by the timeout alone, whatever
    // the script's children hold open.
    Path output = Files.createTempFile("spacetime-service-" + action, ".out");
    try {
      Process process = new ProcessBuilder(host.serviceScript().toString(), action)
          .directory(host.root().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(host.name() + ": spacetime-service " + action + " did not finish within "
            + SCRIPT_TIMEOUT.toSeconds() + " s");
      }
      return new ScriptRun(action, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).trim());
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Runs {@code action} and fails with its output unless it exits 0. */
  public static void requireServiceScript(SandboxHost host, String action) throws IOException, InterruptedException {
    ScriptRun run = runServiceScript(host, action);
    if (run.exitCode() != 0) {
      throw new IOException("spacetime-service " + action + " exited " + run.exitCode() + ": " + run.output());
    }
  }

  /**
   * The production service's process as its pid file names it, if that process lives. Cheaper
   * than {@code is-active} (no fork) for polling; {@code is-active} stays the authority, and this
   * agrees with it: a zombie (a killed service nobody has reaped, as this machine's PID 1 reaps
   * none) does not live, although {@link ProcessHandle#isAlive} says it does.
   */
  public static Optional<ProcessHandle> serviceProcess(SandboxHost host) {
    try {
      long pid = Long.parseLong(Files.readString(host.deployRoot().resolve("run/service.pid")).trim());
      return ProcessHandle.of(pid).filter(p -> !SandboxProcesses.ended(p));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static boolean serviceRunning(SandboxHost host) throws IOException, InterruptedException {
    return runServiceScript(host, "is-active").exitCode() == 0;
  }

  /** Directory name the production link points to ({@code production-v2.4.0}); empty without a link. */
  public static String currentRelease(SandboxHost host) throws IOException {
    Path link = host.productionLink();
    return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName().toString() : "";
  }
}
