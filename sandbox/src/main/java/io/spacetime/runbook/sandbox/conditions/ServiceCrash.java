package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.hosts.SandboxProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Incident 1 Scenario A on a host: the service process dies by SIGKILL, without the stop command,
 * as a crash or the OOM killer ends it. Its pid file stays, naming a dead process, so the service
 * manager's {@code is-active} says {@code inactive} (as systemd says "failed"), and the log ends
 * without the shutdown lines, followed by the service manager's note of the kill.
 */
final class ServiceCrash {

  static final Duration DEATH_TIMEOUT = Duration.ofSeconds(10);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ServiceCrash() {}

  /** Kills the running service; returns its pid once it has died. */
  static long kill(SandboxHost host) throws IOException, InterruptedException {
    ProcessHandle service = HostControl.serviceProcess(host).orElseThrow(() -> new IllegalStateException(
        host.name() + ": the service is not running, so there is nothing to crash"));
    service.destroyForcibly(); // SIGKILL: no shutdown hook, no last log line
    boolean dead = Poll.until(DEATH_TIMEOUT, Poll.INTERVAL, () -> SandboxProcesses.ended(service), ended -> ended);
    if (!dead) {
      throw new IOException(host.name() + ": the service (pid " + service.pid() + ") still runs "
          + DEATH_TIMEOUT.toSeconds() + " s after SIGKILL");
    }
    // What systemd's journal shows after such a death, for the runbook's "Review Logs" (crash messages).
    String line = TIMESTAMP.format(Instant.now()) + " spacetime-service: ERROR [ServiceManager] Main process "
        + service.pid() + " exited, code=killed, status=9/KILL\n";
    Files.writeString(host.serviceLog(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return service.pid();
  }
}
