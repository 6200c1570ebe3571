package io.spacetime.runbook.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every sandbox guarantees, whichever SSH server its hosts run: tested with a real sshj
 * client (host keys verified), real service processes and real HTTP. Subclasses choose the SSH
 * server and a subnet of their own. (That the environment file loads as the engine's environment
 * is tested in deploy, where the engine is.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxHostsContract {

  private static final Duration READY = Duration.ofSeconds(30);

  protected Sandbox sandbox;
  private SandboxHost first;
  private SandboxHost second;

  abstract boolean openssh();

  abstract int subnet();

  /** Skips the class (with an assumption) when the machine cannot run this kind of host. */
  void assumeAvailable() {}

  @BeforeAll
  void startSandbox() throws Exception {
    assumeAvailable();
    sandbox = Sandbox.builder()
        .root(Files.createTempDirectory("sandbox-" + subnet() + "-"))
        .hosts(2)
        .subnet(subnet())
        .openssh(openssh())
        .deleteOnClose(true)
        .start();
    first = sandbox.hosts().get(0);
    second = sandbox.hosts().get(1);
  }

  @AfterAll
  void closeSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void hostsGetConsecutiveAddressesOnTheirSubnet() {
    assertEquals("127.0." + subnet() + ".2", first.address());
    assertEquals("127.0." + subnet() + ".3", second.address());
  }

  @Test
  void loginVerifiesTheHostKeyAndRunsInTheHostRoot() throws Exception {
    Result pwd = ssh(first, "pwd");

    assertEquals(0, pwd.exitCode());
    assertEquals(first.root().toString(), pwd.output().trim());
  }

  @Test
  void loginIsRefusedWhenKnownHostsHoldsAnotherKeyForTheHost() throws Exception {
    // host-2's key listed under host-1's address: what a client sees when a host key changed.
    String secondHostLine = Files.readAllLines(sandbox.knownHosts()).get(1);
    Path wrongKnownHosts = sandbox.root().resolve("wrong_known_hosts");
    Files.writeString(wrongKnownHosts, secondHostLine.replace("[" + second.address() + "]", "[" + first.address() + "]"));

    TransportException refused = assertThrows(TransportException.class, () -> connect(first, wrongKnownHosts).close());

    assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, refused.getDisconnectReason(), refused.toString());
  }

  @Test
  void remoteCommandsSeeANormalPath() throws Exception {
    Result which = ssh(first, "command -v java tar curl");

    assertEquals(0, which.exitCode(), which.output());
  }

  @Test
  void commandsReadWhatTheClientSendsOnStandardInput() throws Exception {
    try (SSHClient client = connect(first, sandbox.knownHosts()); Session session = client.startSession()) {
      Session.Command exec = session.exec("cat > stdin.txt");
      exec.getOutputStream().write("line one\nline two\n".getBytes(StandardCharsets.UTF_8));
      exec.getOutputStream().close();
      exec.join(30, TimeUnit.SECONDS);
      assertEquals(0, exec.getExitStatus());
    }

    assertEquals("line one\nline two\n", Files.readString(first.root().resolve("stdin.txt")));
  }

  @Test
  void everyReceivedCommandIsInTheHostsCommandLog() throws Exception {
    sandbox.clearCommandLogs();

    ssh(second, "echo 'hello from the test'");

    assertEquals(List.of("echo 'hello from the test'"), sandbox.commandLog(second));
    assertEquals(List.of(), sandbox.commandLog(first));
  }

  @Test
  void everyHostServesTheInitialReleaseReady() throws Exception {
    for (SandboxHost host : sandbox.hosts()) {
      ServiceStatus status = sandbox.status(host);
      assertTrue(status.overallReady(), host.name() + ": " + status);
      assertEquals("v2.4.0", status.version());
      assertTrue(sandbox.serviceRunning(host), host.name());
      assertTrue(Files.isSymbolicLink(host.productionLink()));
      assertFalse(Files.readSymbolicLink(host.productionLink()).isAbsolute(), "the production link is relative");
    }
  }

  @Test
  void serviceScriptStopsStartsAndReportsOverSsh() throws Exception {
    String script = fromHostRoot(second, second.serviceScript());

    assertEquals(0, ssh(second, script + " stop").exitCode());
    Result inactive = ssh(second, script + " is-active");
    assertEquals(3, inactive.exitCode());
    assertEquals("inactive", inactive.output().trim());
    assertFalse(sandbox.status(second).answered());
    assertTrue(ssh(second, script + " stop").output().contains("not running"), "stop is a no-op when stopped");

    assertEquals(0, ssh(second, script + " start").exitCode());
    assertTrue(ssh(second, script + " start").output().contains("already running"), "start is a no-op when running");
    Result active = ssh(second, script + " is-active");
    assertEquals(0, active.exitCode());
    assertEquals("active", active.output().trim());
    assertTrue(new StatusClient().awaitReady(second.apiBaseUrl(), READY).overallReady());
    assertTrue(Files.readString(second.serviceLog()).contains("[ResonanceEngine] Shutdown complete"),
        "the stop left a clean shutdown in the log");
  }

  @Test
  void stagingInstanceRunsTheStagedReleaseAndItsTestSuite() throws Exception {
    sandbox.stageRelease("v2.5.0");
    String script = fromHostRoot(first, first.serviceScript());
    try {
      assertEquals(0, ssh(first, script + " staging-start").exitCode());
      ServiceStatus staging = new StatusClient().awaitReady(first.stagingBaseUrl(), READY);
      assertTrue(staging.overallReady(), staging.toString());
      assertEquals("v2.5.0", staging.version());

      Result tests = ssh(first, "cd " + fromHostRoot(first, first.stagingDir())
          + " && tests/run_tests.sh " + first.stagingBaseUrl());
      assertEquals(0, tests.exitCode(), tests.output());
      assertTrue(tests.output().contains("Success Rate: 100.0%"), tests.output());
    } finally {
      ssh(first, script + " staging-stop");
    }
    assertFalse(new StatusClient().get(first.stagingBaseUrl()).answered());
  }

  @Test
  void stageReleaseWritesEveryHostsStagingDirectory() throws Exception {
    sandbox.stageRelease("v2.6.0", Fault.NEVER_READY, FaultScope.PRODUCTION);

    for (SandboxHost host : sandbox.hosts()) {
      assertEquals("v2.6.0", Files.readString(host.stagingDir().resolve("VERSION")).trim());
      assertTrue(Files.readString(host.stagingDir().resolve("release.json")).contains("\"never-ready\""));
    }
  }

  @Test
  void stageReleaseRejectsAnInvalidVersionBeforeTouchingAnyHost() throws Exception {
    sandbox.stageRelease("v2.5.0");

    assertThrows(IllegalArgumentException.class, () -> sandbox.stageRelease("v2.6.0;rm -rf /", Fault.NONE, FaultScope.ALWAYS));

    assertEquals("v2.5.0", Files.readString(first.stagingDir().resolve("VERSION")).trim());
  }

  @Test
  void addReleaseCreatesAnotherReleaseWithoutSwitchingToIt() throws Exception {
    sandbox.addRelease("v2.3.0", Fault.NONE, FaultScope.PRODUCTION);

    for (SandboxHost host : sandbox.hosts()) {
      assertTrue(Files.isRegularFile(host.releaseDir("v2.3.0").resolve(".env")));
      assertEquals("production-v2.4.0", sandbox.currentRelease(host));
    }
  }

  record Result(int exitCode, String output) {}

  /** {@code path} as a command run in the host root names it: relative, so it needs no quoting. */
  private static String fromHostRoot(SandboxHost host, Path path) {
    return host.root().relativize(path).toString();
  }

  Result ssh(SandboxHost host, String command) throws IOException {
    try (SSHClient client = connect(host, sandbox.knownHosts()); Session session = client.startSession()) {
      Session.Command exec = session.exec(command);
      String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      exec.join(60, TimeUnit.SECONDS);
      return new Result(exec.getExitStatus(), output);
    }
  }

  private SSHClient connect(SandboxHost host, Path knownHosts) throws IOException {
    SSHClient client = new SSHClient();
    try {
      client.setConnectTimeout(5_000);
      client.setTimeout(60_000);
      client.loadKnownHosts(knownHosts.toFile());
      client.connect(host.address(), Sandbox.SSH_PORT);
      client.authPublickey(System.getProperty("user.name"), client.loadKeys(sandbox.clientKey().toString()));
      return client;
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
