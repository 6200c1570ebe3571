package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.ForeignListener;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.hosts.SandboxProcesses;
import io.spacetime.runbook.sandbox.hosts.ServiceScript;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import io.spacetime.runbook.sandbox.standin.StandInClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Incident 1 Scenario B on a host: the service has died (a {@link ServiceCrash} when it still
 * ran) and a {@link ForeignListener} holds its API port, so a start cannot bind until that process
 * is ended (the runbook's {@code lsof -i :8080}, then {@code kill}). The listener runs from the host
 * root, not from a release under the deploy root, and in a session of its own, so it outlives the
 * command that started it, as a stray process does.
 */
final class PortConflict {

  static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private PortConflict() {}

  /** Starts the listener on the free API port; returns its pid once it accepts connections. */
  static long occupyApiPort(SandboxHost host) throws IOException, InterruptedException {
    int port = ServiceConfig.PRODUCTION.apiPort();
    Files.createDirectories(host.conditionsDir());
    Path log = host.conditionsDir().resolve("foreign-listener.log");
    List<String> command = new ArrayList<>();
    // setsid: out of the caller's session and process group, so it outlives a CLI command and its terminal.
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid");
    }
    command.addAll(List.of(ServiceScript.currentJava(), "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-cp", StandInClasspath.resolve(), ForeignListener.class.getName(), "--bind", host.address(),
        "--port", Integer.toString(port), "--host-root", host.root().toString()));
    Process process = new ProcessBuilder(command).directory(host.root().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())) // a fresh log: an old "listening" line must not count
        .start();
    // Its own word that it bound, not merely a port that accepts: that could still be the dying service's.
    String bound = ForeignListener.LISTENING + host.address() + ":" + port;
    boolean listening = Poll.until(LISTEN_TIMEOUT, Poll.INTERVAL,
        () -> !process.isAlive() || Poll.tail(log, 5).contains(bound), settled -> settled) && process.isAlive();
    if (!listening) {
      process.destroyForcibly();
      throw new IOException(host.name() + ": the foreign process did not listen on " + host.address() + ":" + port
          + " within " + LISTEN_TIMEOUT.toSeconds() + " s (is the port still taken?); " + log + " says:\n"
          + Poll.tail(log, 10));
    }
    return process.pid();
  }

  /** The listener of {@code record}, if it still runs (and is still ours: a pid is reused once it is gone). */
  static Optional<ProcessHandle> listener(ConditionRecord record) {
    return ProcessHandle.of(record.pid()).filter(p -> !SandboxProcesses.ended(p))
        .filter(p -> SandboxProcesses.commandLine(p).contains(ForeignListener.class.getName()));
  }

  static boolean holds(ConditionRecord record) {
    return listener(record).isPresent();
  }

  /** Ends the listener (TERM, then KILL). The service stays down: starting it is the caller's next step. */
  static void undo(ConditionRecord record) throws IOException, InterruptedException {
    Optional<ProcessHandle> listener = listener(record);
    if (listener.isPresent() && !SandboxProcesses.terminate(List.of(listener.get()), STOP_GRACE).isEmpty()) {
      throw new IOException("the foreign process " + record.pid() + " on the API port did not end");
    }
  }
}
