package io.spacetime.runbook.adapters.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.ManualClock;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.adapters.testing.SshTestHost;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HostConnectionsTest {

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  @TempDir Path dir;
  SshTestHost host;
  ManualClock clock;
  HostConnections connections;

  @BeforeEach
  void pool() {
    host = ssh.server();
    clock = new ManualClock();
    connections = new HostConnections(clock);
  }

  @AfterEach
  void closePool() {
    connections.close();
  }

  @Test
  void runsACommandAndReportsExitCodeAndOutput() {
    CommandRun run = shell().run(ShellCommand.template("echo hello; echo oops >&2; exit 3", java.util.Map.of()));
    CommandEvidence evidence = run.evidence();
    assertEquals(3, evidence.exitCode());
    assertEquals("hello\n", evidence.stdoutTail());
    assertEquals("oops\n", evidence.stderrTail());
    assertEquals("api-1", evidence.host());
    assertEquals("echo hello; echo oops >&2; exit 3", evidence.command());
  }

  @Test
  void runsInTheHostRootWithArgumentsQuoted() {
    CommandRun run = shell().run(ShellCommand.of("printf", "%s|", "$(id)", "a b").and(ShellCommand.of("pwd")));
    assertEquals("$(id)|a b|" + host.root() + "\n", run.stdout());
  }

  @Test
  void keepsOnlyTheLastEightKilobytesOfChattyOutputOnBothStreams() {
    CommandRun run = shell().run(ShellCommand.template("seq 1 200000 >&2; seq 1 200000", java.util.Map.of()));
    assertEquals(0, run.exitCode());
    assertTrue(run.evidence().stdoutTail().getBytes(StandardCharsets.UTF_8).length <= 8192);
    assertTrue(run.evidence().stderrTail().getBytes(StandardCharsets.UTF_8).length <= 8192);
    assertTrue(run.evidence().stdoutTail().endsWith("199999\n200000\n"));
    assertTrue(run.evidence().stderrTail().endsWith("\n200000\n"));
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsStoppedWithARetryableFailure() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> shell().run(ShellCommand.of("sleep", "30"), Duration.ofSeconds(1)));
    assertEquals("CommandTimedOut", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("api-1"), failure.getOriginalMessage());
    // The connection is still usable afterwards.
    assertEquals(0, shell().run(ShellCommand.of("true")).exitCode());
  }

  @Test
  void reusesOneConnectionForManyCommands() {
    int connectionsBefore = host.connections();
    int sessionsBefore = host.sessions();
    for (int i = 0; i < 20; i++) {
      assertEquals(0, shell().run(ShellCommand.of("true")).exitCode());
    }
    assertEquals(1, host.connections() - connectionsBefore);
    assertEquals(20, host.sessions() - sessionsBefore);
  }

  /**
   * Twenty-five commands at once on a host that allows three sessions per connection: each waits
   * its turn instead of being refused (OpenSSH answers "open failed" past its MaxSessions).
   */
  @Test
  void moreCommandsAtOnceThanTheHostsSessionsWaitTheirTurn() throws Exception {
    HostTarget t = host.target("api-1");
    HostTarget threeSessions = new HostTarget(t.name(), t.address(), t.sshPort(), t.serviceAddress(), t.user(), t.keyFile(),
        t.knownHosts(), t.connectTimeoutSeconds(), t.commandTimeoutSeconds(), t.transferTimeoutSeconds(),
        t.connectionIdleTimeoutSeconds(), t.connectionMaxLifetimeSeconds(), 3);
    ExecutorService pool = Executors.newFixedThreadPool(25);
    try {
      List<Future<CommandRun>> runs = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        String word = "run-" + i;
        runs.add(pool.submit(() -> connections.on(threeSessions).run(ShellCommand.template("sleep 0.05; echo {word}",
            java.util.Map.of("word", word)))));
      }
      for (int i = 0; i < 25; i++) {
        assertEquals("run-" + i + "\n", runs.get(i).get().stdout());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(host.peakSessionsOpen() <= 3, "at most 3 sessions at once, saw " + host.peakSessionsOpen());
  }

  /**
   * Eight commands at once with RUNBOOK_HOST_CONCURRENCY 3, seen from the host: each command puts
   * a file in {@code slots/} and holds it until the test opens the gate, then writes how many
   * files it sees. The gate opens once three are on the host and the other five wait their turn
   * in the worker (without the limit they would be on the host, and the wait would time out), so
   * the first to look sees exactly three and nobody sees more.
   */
  @Test
  void noMoreThanTheHostConcurrencyCommandsRunOnAHostAtOnce() throws Exception {
    Path root = host.root().resolve("host-limit-" + UUID.randomUUID());
    Files.createDirectories(root.resolve("slots"));
    Files.createDirectories(root.resolve("seen"));
    int commands = 8;
    try (HostConnections limited = new HostConnections(clock, 3)) {
      ExecutorService pool = Executors.newFixedThreadPool(commands);
      try {
        List<Future<CommandRun>> runs = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
          String id = "c" + i;
          runs.add(pool.submit(() -> limited.on(host.target("api-1")).run(ShellCommand.template(
              "cd {dir} && touch slots/{id} && while [ ! -e open ]; do sleep 0.01; done; ls slots | wc -l > seen/{id} && rm slots/{id}",
              Map.of("dir", root.toString(), "id", id)))));
        }
        HostTarget target = host.target("api-1");
        awaitHeld(root.resolve("slots"), 3, () -> limited.waitingForATurn(target) == commands - 3);
        Files.createFile(root.resolve("open"));
        for (Future<CommandRun> run : runs) {
          assertEquals(0, run.get().exitCode());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<Integer> seen = new ArrayList<>();
    try (var files = Files.list(root.resolve("seen"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        seen.add(Integer.parseInt(Files.readString(file).trim()));
      }
    }
    assertEquals(commands, seen.size(), "every command ran: " + seen);
    assertEquals(3, seen.stream().mapToInt(Integer::intValue).max().orElseThrow(),
        "the most commands the host saw running at once: " + seen);
  }

  /** Until {@code dir} holds {@code count} files (the commands the host runs) and the rest wait in the worker. */
  private static void awaitHeld(Path dir, int count, java.util.function.BooleanSupplier restWaiting) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      long held;
      try (var files = Files.list(dir)) {
        held = files.count();
      }
      if (held == count && restWaiting.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " commands on the host and the rest waiting their turn in the"
            + " worker; the host holds " + held);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void concurrentCommandsShareTheConnection() throws Exception {
    int connectionsBefore = host.connections();
    shell().run(ShellCommand.of("true"));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<CommandRun>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String word = "run-" + i;
        runs.add(pool.submit(() -> shell().run(ShellCommand.of("echo", word))));
      }
      for (int i = 0; i < 6; i++) {
        assertEquals("run-" + i + "\n", runs.get(i).get().stdout());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, host.connections() - connectionsBefore);
  }

  @Test
  void reconnectsWhenTheServerDroppedTheConnection() throws Exception {
    shell().run(ShellCommand.of("true"));
    int connectionsBefore = host.connections();
    host.dropConnections();
    assertEquals("again\n", shell().run(ShellCommand.of("echo", "again")).stdout());
    assertEquals(1, host.connections() - connectionsBefore);
  }

  @Test
  void aConnectionIdleForItsIdleTimeoutIsReplacedByANewLogin() {
    shell().run(ShellCommand.of("true"));
    int connectionsBefore = host.connections();

    clock.advance(Duration.ofSeconds(299));
    shell().run(ShellCommand.of("true"));
    assertEquals(0, host.connections() - connectionsBefore, "idle for less than 300 s: reused");

    clock.advance(Duration.ofSeconds(300));
    shell().run(ShellCommand.of("true"));
    assertEquals(1, host.connections() - connectionsBefore, "idle for 300 s: a new login");
  }

  @Test
  void aBusyConnectionIsReplacedAtTheEndOfItsLifetime() {
    shell().run(ShellCommand.of("true"));
    int connectionsBefore = host.connections();

    for (int minute = 4; minute < 60; minute += 4) {
      clock.advance(Duration.ofMinutes(4));
      shell().run(ShellCommand.of("true"));
    }
    assertEquals(0, host.connections() - connectionsBefore, "a command every 4 minutes for 56 minutes: one connection");

    clock.advance(Duration.ofMinutes(4));
    shell().run(ShellCommand.of("true"));
    assertEquals(1, host.connections() - connectionsBefore, "an hour old: replaced");
  }

  @Test
  void theSweepClosesAConnectionThatNobodyUsesAnyMore() throws Exception {
    shell().run(ShellCommand.of("true"));
    assertTrue(host.awaitOpenConnections(1));

    clock.advance(Duration.ofMinutes(5));
    connections.closeExpired();

    assertTrue(host.awaitOpenConnections(0), "the server saw the idle connection closed");
  }

  @Test
  void aConnectionAtTheEndOfItsLifetimeIsReplacedByALoginThatVerifiesTheHostKeyAgain(@TempDir Path other)
      throws Exception {
    try (SshTestHost reinstalled = SshTestHost.start(other)) {
      RemoteShell shell = connections.on(reinstalled.target("api-2"));
      assertEquals(0, shell.run(ShellCommand.of("true")).exitCode());
      reinstalled.replaceHostKey();
      assertEquals(0, shell.run(ShellCommand.of("true")).exitCode(), "the open connection was verified when made");

      clock.advance(Duration.ofHours(1));
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell.run(ShellCommand.of("true")));

      assertEquals("HostKeyNotVerifiable", failure.getType());
      assertTrue(failure.isNonRetryable());
      assertTrue(failure.getOriginalMessage().contains("does NOT match"), failure.getOriginalMessage());
      assertEquals(2, reinstalled.sessions(), "nothing ran after the host key changed");
    }
  }

  @Test
  void aBrokenConnectionIsDroppedAndTheNextLoginVerifiesTheHostKeyAgain(@TempDir Path other) throws Exception {
    try (SshTestHost reinstalled = SshTestHost.start(other)) {
      RemoteShell shell = connections.on(reinstalled.target("api-2"));
      assertEquals(0, shell.run(ShellCommand.of("true")).exitCode());

      reinstalled.replaceHostKey();
      reinstalled.dropConnections();
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell.run(ShellCommand.of("true")));

      assertEquals("HostKeyNotVerifiable", failure.getType());
      assertTrue(failure.getOriginalMessage().contains("does NOT match"), failure.getOriginalMessage());
      assertEquals(1, reinstalled.sessions(), "nothing ran after the host key changed");
    }
  }

  @Test
  void aCommandThatMustNotRunTwiceIsNotSentAgainWhenItsAnswerIsLost() throws Exception {
    Path effects = host.root().resolve("effects-" + UUID.randomUUID());
    ShellCommand start = ShellCommand.template("echo started >> {file}", Map.of("file", effects.toString()));
    host.loseTheAnswerOnce(effects.toString());

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell().runAtMostOnce(start));

    assertEquals("CommandOutcomeUnknown", failure.getType());
    assertFalse(failure.isNonRetryable(), "the activity is retried, and its retry reads the state first");
    String message = failure.getOriginalMessage();
    assertTrue(message.contains("api-1 (deploy@127.0.0.1:" + host.port() + ")") && message.contains("unknown")
        && message.contains("NOT run again") && message.contains(effects.toString()), message);
    assertEquals(1, timesReceived(start), "sent once");
    assertEquals(List.of("started"), Files.readAllLines(effects), "and run once");
    assertEquals(0, shell().run(ShellCommand.of("true")).exitCode(), "the next command gets a new connection");
  }

  @Test
  void anIdempotentCommandWhoseAnswerIsLostIsSentAgainOnANewConnection() {
    ShellCommand read = ShellCommand.of("echo", "read-" + UUID.randomUUID());
    host.loseTheAnswerOnce(read.text());
    int connectionsBefore = host.connections();

    CommandRun run = shell().run(read);

    assertEquals(0, run.exitCode());
    assertEquals(read.text().substring("echo ".length()) + "\n", run.stdout());
    assertEquals(2, timesReceived(read));
    assertEquals(2, host.connections() - connectionsBefore, "the first connection was lost, the second answered");
  }

  @Test
  void aCommandThatNeverReachedTheServerIsSentOnANewConnectionEvenIfItMustNotRunTwice() throws Exception {
    shell().run(ShellCommand.of("true"));
    host.dropConnections();
    ShellCommand once = ShellCommand.of("echo", "once-" + UUID.randomUUID());

    CommandRun run = shell().runAtMostOnce(once);

    assertEquals(0, run.exitCode());
    assertEquals(1, timesReceived(once));
  }

  @Test
  void rejectsAChangedHostKey(@TempDir Path other) throws Exception {
    try (SshTestHost reinstalled = SshTestHost.start(other)) {
      reinstalled.knownHostsWithOtherKey();
      HostTarget target = reinstalled.target("api-2");
      ApplicationFailure failure = assertThrows(ApplicationFailure.class,
          () -> connections.on(target).run(ShellCommand.of("true")));
      assertEquals("HostKeyNotVerifiable", failure.getType());
      assertTrue(failure.isNonRetryable());
      String message = failure.getOriginalMessage();
      assertTrue(message.contains("api-2") && message.contains(":" + reinstalled.port())
          && message.contains(reinstalled.knownHosts().toString()) && message.contains("does NOT match"), message);
      assertEquals(0, reinstalled.sessions());
    }
  }

  @Test
  void rejectsAnUnknownHostKey() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
    HostTarget target = withKnownHosts(host.target("api-1"), empty.toString());
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> connections.on(target).run(ShellCommand.of("true")));
    assertEquals("HostKeyNotVerifiable", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("[127.0.0.1]:" + host.port()), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("SHA256:"), failure.getOriginalMessage());
  }

  @Test
  void aMissingKeyFileFailsWithoutRetry() {
    HostTarget target = host.target("api-1");
    HostTarget noKey = new HostTarget(target.name(), target.address(), target.sshPort(), target.serviceAddress(),
        target.user(), dir.resolve("no-such-key").toString(), target.knownHosts(), 5, 30, 30, 300, 3600);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> connections.on(noKey).run(ShellCommand.of("true")));
    assertEquals("SshKeyMissing", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void aRefusedKeyFailsWithoutRetry() {
    HostTarget target = host.target("api-1");
    HostTarget stranger = new HostTarget(target.name(), target.address(), target.sshPort(), target.serviceAddress(),
        "stranger", target.keyFile(), target.knownHosts(), 5, 30, 30, 300, 3600);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> connections.on(stranger).run(ShellCommand.of("true")));
    assertEquals("SshAuthFailed", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void aClosedPortIsARetryableUnreachableHost() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HostTarget target = host.target("api-9");
    HostTarget closed = new HostTarget("api-9", "127.0.0.1", closedPort, "127.0.0.1", target.user(), target.keyFile(),
        target.knownHosts(), 2, 30, 30, 300, 3600);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> connections.on(closed).run(ShellCommand.of("true")));
    assertEquals("HostUnreachable", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("api-9") && failure.getOriginalMessage().contains("refused"),
        failure.getOriginalMessage());
  }

  /**
   * An address that answers nothing (a host gone from the network: every packet dropped, here by an
   * iptables DROP rule on a loopback port) is the same retryable HostUnreachable as a refused
   * connection, after the connect timeout, so a deployment treats it as it treats a stopped sshd.
   */
  @Test
  void anAddressThatDropsEveryPacketIsARetryableUnreachableHostAfterTheConnectTimeout() throws Exception {
    int silentPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      silentPort = socket.getLocalPort();
    }
    List<String> rule = List.of("INPUT", "-p", "tcp", "--dport", String.valueOf(silentPort), "-j", "DROP",
        "-m", "comment", "--comment", "runbook-test-unreachable");
    assertEquals(0, iptables("-A", rule), "iptables -A (the tests run as root)");
    try {
      HostTarget target = host.target("api-9");
      HostTarget silent = new HostTarget("api-9", "127.0.0.1", silentPort, "127.0.0.1", target.user(), target.keyFile(),
          target.knownHosts(), 2, 30, 30, 300, 3600);

      ApplicationFailure failure = assertThrows(ApplicationFailure.class,
          () -> connections.on(silent).run(ShellCommand.of("true")));

      assertEquals("HostUnreachable", failure.getType());
      assertFalse(failure.isNonRetryable());
      assertTrue(failure.getOriginalMessage().contains("no answer within 2 s"), failure.getOriginalMessage());
    } finally {
      iptables("-D", rule);
    }
  }

  private static int iptables(String action, List<String> rule) throws Exception {
    List<String> command = new ArrayList<>(List.of("iptables", action));
    command.addAll(rule);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private long timesReceived(ShellCommand command) {
    return host.commands().stream().filter(command.text()::equals).count();
  }

  private RemoteShell shell() {
    return connections.on(host.target("api-1"));
  }

  private static HostTarget withKnownHosts(HostTarget t, String knownHosts) {
    return new HostTarget(t.name(), t.address(), t.sshPort(), t.serviceAddress(), t.user(), t.keyFile(), knownHosts,
        t.connectTimeoutSeconds(), t.commandTimeoutSeconds(), t.commandTimeoutSeconds(), t.connectionIdleTimeoutSeconds(),
        t.connectionMaxLifetimeSeconds());
  }
}
