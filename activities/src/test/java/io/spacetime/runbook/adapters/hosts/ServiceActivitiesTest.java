package io.spacetime.runbook.adapters.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.HostContexts;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service activities over real SSH (MINA) with a stand-in service: a background process with
 * a pid file, controlled by configured commands with placeholders, as an operator would write them.
 */
class ServiceActivitiesTest {

  /**
   * A process counts as active while it exists and is not a zombie (PID 1 on this machine kind
   * does not reap orphans, so a killed service lingers as a zombie).
   */
  static final ServiceCommands STAND_IN = new ServiceCommands(
      "mkdir -p {deployRoot}/run && { nohup sleep 600 > /dev/null 2>&1 & echo $! > {deployRoot}/run/service.pid; }"
          + " && echo \"started on {host}\" >> {deployRoot}/service.log",
      "kill $(cat {deployRoot}/run/service.pid)",
      "pid=$(cat {deployRoot}/run/service.pid 2>/dev/null) && test -d /proc/$pid"
          + " && ! grep -q '^State:.*Z' /proc/$pid/status",
      "service.log",
      "sleep");

  /** Staging as the same kind of stand-in, with its own pid file, and an is-active command. */
  static StagingSettings staging(String isActive, int apiPort) {
    return new StagingSettings(true, "api-1",
        "mkdir -p {deployRoot}/run && { nohup sleep 600 > /dev/null 2>&1 & echo $! > {deployRoot}/run/staging.pid; }"
            + " && echo \"staging started\" >> {deployRoot}/staging.log",
        "kill $(cat {deployRoot}/run/staging.pid)", isActive, "", apiPort, apiPort, 60);
  }

  static final String STAGING_IS_ACTIVE = "pid=$(cat {deployRoot}/run/staging.pid 2>/dev/null) && test -d /proc/$pid"
      + " && ! grep -q '^State:.*Z' /proc/$pid/status";

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  @TempDir Path deployRoot;
  Layout layout;
  HostTarget host;
  ServiceActivitiesImpl services;

  @BeforeEach
  void setUp() {
    layout = Layout.defaults().withDeployRoot(deployRoot.toString());
    host = ssh.target("api-1");
    services = new ServiceActivitiesImpl(ssh.connections());
  }

  @AfterEach
  void killStandIns() throws IOException {
    for (String name : List.of("service.pid", "staging.pid")) {
      Path pidFile = deployRoot.resolve("run").resolve(name);
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroy);
      }
    }
  }

  @Test
  void startRecordsTheLogOffsetAndStopWaitsUntilTheServiceIsGone() throws Exception {
    Files.writeString(deployRoot.resolve("service.log"), "old line\n");

    ServiceState started = services.startService(HostContexts.of(host, layout, STAND_IN, List.of()));
    assertTrue(started.active());
    assertEquals(9, started.logOffset());
    assertEquals(3, started.commands().size(), "state, start, state");

    ServiceState stopped = services.stopService(HostContexts.of(host, layout, STAND_IN, List.of()), 10);
    assertFalse(stopped.active());
    assertEquals(List.of(), stopped.listeningPorts());
  }

  @Test
  void startingAnActiveServiceIsSkipped() {
    services.startService(HostContexts.of(host, layout, STAND_IN, List.of()));
    int before = ssh.server().commands().size();
    ServiceState again = services.startService(HostContexts.of(host, layout, STAND_IN, List.of()));

    assertTrue(again.active());
    assertEquals(1, again.commands().size());
    assertEquals(1, ssh.server().commands().size() - before, "only the state was read");
  }

  @Test
  void stoppingAStoppedServiceSucceedsWithoutRunningStop() {
    int before = ssh.server().commands().size();
    ServiceState stopped = services.stopService(HostContexts.of(host, layout, STAND_IN, List.of()), 5);
    assertFalse(stopped.active());
    assertEquals(2, stopped.commands().size(), "the state, then what still runs from the release");
    assertEquals(2, ssh.server().commands().size() - before);
    assertTrue(ssh.server().commands().stream().skip(before).noneMatch(c -> c.contains("kill")), "stop was not run");
  }

  @Test
  void aProcessStillRunningFromTheStoppedReleaseIsNamedByItsPid() throws Exception {
    Path release = Files.createDirectories(deployRoot.resolve("production-v2.4.0"));
    Files.createSymbolicLink(deployRoot.resolve("production"), release.getFileName());
    Process helper = new ProcessBuilder("sleep", "300").directory(release.resolve(".").toFile()).start();
    try {
      services.startService(HostContexts.of(host, layout, STAND_IN, List.of()));
      ServiceState stopped = services.stopService(HostContexts.of(host, layout, STAND_IN, List.of()), 10);
      assertFalse(stopped.active());
      assertEquals(List.of((int) helper.pid()), stopped.lingering());
    } finally {
      helper.destroyForcibly().waitFor();
    }
    ServiceState clean = services.stopService(HostContexts.of(host, layout, STAND_IN, List.of()), 10);
    assertEquals(List.of(), clean.lingering());
  }

  @Test
  void measuresTheServiceProcessesOwnCpuAndMemoryAndSeesItsPidStay() throws Exception {
    try (ServerSocket api = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ServiceUsage usage = services.measureUsage(HostContexts.of(host, layout, STAND_IN, List.of(api.getLocalPort())), 300);
      int jvm = (int) ProcessHandle.current().pid();
      assertEquals("", usage.unknown());
      assertEquals(jvm, usage.pidBefore());
      assertEquals(jvm, usage.pidAfter());
      assertTrue(usage.cpuPercent() >= 0, "cpu " + usage.cpuPercent());
      long rss = Long.parseLong(Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow().replaceAll("[^0-9]", "")) * 1024;
      assertTrue(usage.residentBytes() > rss / 4 && usage.residentBytes() < rss * 4,
          "resident " + usage.residentBytes() + " vs this JVM's " + rss);
      assertTrue(usage.sampleMillis() >= 200, "sampled for " + usage.sampleMillis() + " ms");
    }
  }

  @Test
  void aServiceThatDoesNotListenHasNoUsageAndSaysWhy() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0)) {
      free = s.getLocalPort();
    }
    ServiceUsage usage = services.measureUsage(HostContexts.of(host, layout, STAND_IN, List.of(free)), 300);
    assertEquals("nothing listens on the API port " + free, usage.unknown());
    assertEquals(-1, usage.cpuPercent());
  }

  @Test
  void aPortStillHeldAfterStopIsReported() throws Exception {
    services.startService(HostContexts.of(host, layout, STAND_IN, List.of()));
    try (ServerSocket lingering = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = lingering.getLocalPort();
      ServiceState state = services.stopService(HostContexts.of(host, layout, STAND_IN, List.of(port)), 1);
      assertFalse(state.active());
      assertEquals(List.of(port), state.listeningPorts());
    }
  }

  @Test
  void serviceStateSeesListeningPortsOnTheServiceAddress() throws Exception {
    try (ServerSocket api = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int free;
      try (ServerSocket s = new ServerSocket(0)) {
        free = s.getLocalPort();
      }
      ServiceState state = services.serviceState(HostContexts.of(host, layout, STAND_IN, List.of(api.getLocalPort(), free)));
      assertFalse(state.active());
      assertEquals(List.of(api.getLocalPort()), state.listeningPorts());
    }
  }

  @Test
  void scanLogCountsMatchesAfterTheOffset() throws Exception {
    String before = "10:00 ERROR old failure\n10:01 INFO fine\n";
    Files.writeString(deployRoot.resolve("service.log"), before
        + "10:20 INFO started\n10:21 ERROR [GodotBridge] port 8080 in use\n10:22 ERROR again\n");

    LogScan scan = services.scanLog(HostContexts.of(host, layout, STAND_IN, List.of()), before.length(), "ERROR");
    assertEquals(2, scan.matches());
    assertEquals(List.of("10:21 ERROR [GodotBridge] port 8080 in use", "10:22 ERROR again"), scan.sample());
    assertEquals(before.length(), scan.fromOffset());
    assertEquals(deployRoot.resolve("service.log").toString(), scan.logFile());

    assertEquals(3, services.scanLog(HostContexts.of(host, layout, STAND_IN, List.of()), 0, "ERROR").matches());
  }

  @Test
  void aRotatedLogIsReadFromItsStart() throws Exception {
    Files.writeString(deployRoot.resolve("service.log"), "ERROR after rotation\n");
    LogScan scan = services.scanLog(HostContexts.of(host, layout, STAND_IN, List.of()), 10_000, "ERROR");
    assertEquals(0, scan.fromOffset());
    assertEquals(1, scan.matches());
  }

  @Test
  void aHostilePatternIsSearchedForLiterally() throws Exception {
    Files.writeString(deployRoot.resolve("service.log"), "a $(touch pwned) b\nplain\n");
    LogScan scan = services.scanLog(HostContexts.of(host, layout, STAND_IN, List.of()), 0, "$(touch pwned)");
    assertEquals(1, scan.matches());
    assertFalse(Files.exists(ssh.server().root().resolve("pwned")));
    assertEquals(0, services.scanLog(HostContexts.of(host, layout, STAND_IN, List.of()), 0, "-v").matches(), "not taken as an option");
  }

  @Test
  void aMissingLogNamesTheSetting() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> services.scanLog(HostContexts.of(host, layout, STAND_IN, List.of()), 0, "ERROR"));
    assertEquals("LogMissing", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("service.logFile"), failure.getOriginalMessage());
  }

  @Test
  void runsAnotherConfiguredCommandWithPlaceholders() {
    CommandEvidence evidence = services.runServiceCommand(HostContexts.of(host, layout), "printf '%s|%s' {deployRoot} {serviceAddress}", 10);
    assertEquals(0, evidence.exitCode());
    assertEquals(deployRoot + "|127.0.0.1", evidence.stdoutTail());
  }

  @Test
  void aStartWhoseAnswerWasLostIsNotRunAgainByTheRetry() throws Exception {
    int before = ssh.server().commands().size();
    ssh.server().loseTheAnswerOnce("nohup sleep 600");

    ApplicationFailure lost = assertThrows(ApplicationFailure.class,
        () -> services.startService(HostContexts.of(host, layout, STAND_IN, List.of())));
    assertEquals("CommandOutcomeUnknown", lost.getType());
    assertFalse(lost.isNonRetryable());

    // What Temporal's retry of the activity runs: it reads the state first and finds the service up.
    ServiceState retried = services.startService(HostContexts.of(host, layout, STAND_IN, List.of()));
    assertTrue(retried.active());
    assertEquals(1, retried.commands().size(), "the retry only read the state");
    assertEquals(1, received(before, "nohup sleep 600"), "the start command was sent once");
    assertEquals(List.of("started on api-1"), Files.readAllLines(deployRoot.resolve("service.log")));
  }

  @Test
  void aStagingStartWhoseAnswerWasLostIsNotRunAgainByTheRetry() throws Exception {
    StagingSettings staging = staging(STAGING_IS_ACTIVE, 18080);
    int before = ssh.server().commands().size();
    ssh.server().loseTheAnswerOnce("staging.pid; }");

    ApplicationFailure lost = assertThrows(ApplicationFailure.class,
        () -> services.startStaging(HostContexts.of(host, layout), staging, 10));
    assertEquals("CommandOutcomeUnknown", lost.getType());

    CommandEvidence retried = services.startStaging(HostContexts.of(host, layout), staging, 10);
    assertEquals(0, retried.exitCode());
    assertTrue(retried.stdoutTail().startsWith("staging already runs (staging.isActive exited 0)"), retried.stdoutTail());
    assertEquals(1, received(before, "staging.pid; }"), "the staging start command was sent once");
    assertEquals(List.of("staging started"), Files.readAllLines(deployRoot.resolve("staging.log")));
  }

  @Test
  void stagingIsStartedWhenItsIsActiveCommandSaysItDoesNotRun() throws Exception {
    CommandEvidence started = services.startStaging(HostContexts.of(host, layout), staging(STAGING_IS_ACTIVE, 18080), 10);

    assertEquals(0, started.exitCode());
    assertTrue(started.command().contains("nohup sleep 600"), started.command());
    assertEquals(List.of("staging started"), Files.readAllLines(deployRoot.resolve("staging.log")));
  }

  @Test
  void withoutAnIsActiveCommandAListenerOnAStagingPortMeansStagingRuns() throws Exception {
    try (ServerSocket stagingApi = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int before = ssh.server().commands().size();

      CommandEvidence skipped = services.startStaging(HostContexts.of(host, layout), staging("", stagingApi.getLocalPort()), 10);

      assertEquals(0, skipped.exitCode());
      assertTrue(skipped.stdoutTail().startsWith("staging already runs (listening on [" + stagingApi.getLocalPort()
          + "])"), skipped.stdoutTail());
      assertEquals(0, received(before, "nohup sleep 600"), "no start was sent");
    }
  }

  private long received(int from, String fragment) {
    List<String> commands = ssh.server().commands();
    return commands.subList(from, commands.size()).stream().filter(c -> c.contains(fragment)).count();
  }
}
