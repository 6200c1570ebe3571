package io.spacetime.runbook.adapters.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.DeployRoot;
import io.spacetime.runbook.adapters.testing.HostContexts;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The read-only host checks over real SSH (MINA) on this machine. */
class HostChecksTest {

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  @TempDir Path hostDir;
  HostTarget host;
  HostChecksImpl checks;

  @BeforeEach
  void target() {
    host = ssh.target("api-1");
    checks = new HostChecksImpl(ssh.connections());
  }

  @Test
  void measuresServerResourcesInOneRoundTrip() {
    int sessions = ssh.server().sessions();
    ServerResources resources = checks.measureServerResources(HostContexts.rootedAt(host, hostDir.toString()));

    assertEquals(1, ssh.server().sessions() - sessions);
    assertTrue(resources.diskFreeGb() > 0, "disk " + resources.diskFreeGb());
    assertTrue(resources.memoryAvailableGb() > 0, "memory " + resources.memoryAvailableGb());
    assertTrue(resources.loadAverage1m() >= 0);
    assertEquals(Runtime.getRuntime().availableProcessors(), resources.cores());
    assertTrue(resources.writable());
    assertEquals(List.of(), List.of(hostDir.toFile().list()), "the write probe is removed");
    // This machine's kernel log is readable to the test user and shows no failing disk.
    assertEquals("", resources.diskErrorsUnreadable());
    assertEquals(0, resources.diskErrors());
  }

  @Test
  void countsOnlyDiskErrorsInTheKernelLogPattern() {
    java.util.regex.Pattern disk = java.util.regex.Pattern.compile(HostChecksImpl.DISK_ERRORS, java.util.regex.Pattern.CASE_INSENSITIVE);
    assertTrue(disk.matcher("[ 12.3] blk_update_request: I/O error, dev sda, sector 123").find());
    assertTrue(disk.matcher("[ 99.1] EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2").find());
    assertTrue(disk.matcher("[ 99.2] EXT4-fs (sda1): Remounting filesystem read-only").find());
    assertFalse(disk.matcher("[ 1.29] EXT4-fs (vda): mounted filesystem r/w without journal").find());
    assertFalse(disk.matcher("[ 3.10] ACPI Error: AE_NOT_FOUND, While resolving a named reference").find());
  }

  @Test
  void readsTheFirewallTheHostsResolverAndTheConnectTimeToMonitoring() throws Exception {
    try (ServerSocket monitoring = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int closed = freePort();
      NetworkReport report = checks.inspectNetwork(HostContexts.of(host, Layout.defaults()), new NetworkSettings(
          "localhost", List.of("127.0.0.1:" + monitoring.getLocalPort(), "127.0.0.1:" + closed), 10));

      assertEquals("", report.firewallUnreadable());
      assertTrue(report.firewallRules().stream().anyMatch(r -> r.startsWith("-P INPUT ")), report.firewallRules().toString());
      assertTrue(report.resolvedAddresses().contains("127.0.0.1") || report.resolvedAddresses().contains("::1"),
          report.resolvedAddresses().toString());
      NetworkReport.Latency reached = report.latencies().get(0);
      assertEquals("", reached.error());
      assertTrue(reached.millis() >= 0 && reached.millis() < 1000, "connect time " + reached.millis());
      assertTrue(report.latencies().get(1).error().contains("refused"), report.latencies().get(1).error());
    }
  }

  @Test
  void aNameThatDoesNotResolveIsReportedNotThrown() {
    NetworkReport report = checks.inspectNetwork(HostContexts.of(host, Layout.defaults()),
        new NetworkSettings("no-such-host.invalid", List.of(), 10));
    assertEquals(List.of(), report.resolvedAddresses());
    assertTrue(report.resolveError().contains("no such name"), report.resolveError());
    assertEquals(List.of(), report.latencies());
  }

  @Test
  void aFirewallRuleThatDropsAServicePortIsWhatTheGateReads() throws Exception {
    int port = freePort();
    List<String> rule = List.of("INPUT", "-p", "tcp", "--dport", String.valueOf(port), "-j", "DROP",
        "-m", "comment", "--comment", "runbook-test");
    assertEquals(0, run(concat(List.of("iptables", "-A"), rule)), "iptables -A (the tests run as root)");
    try {
      NetworkReport report = checks.inspectNetwork(HostContexts.of(host, Layout.defaults()), NetworkSettings.none());
      assertTrue(report.firewallRules().stream().anyMatch(r -> r.contains("--dport " + port) && r.contains("-j DROP")),
          report.firewallRules().toString());
      assertFalse(io.spacetime.runbook.deployment.gates.NetworkGate.firewallAllows(report, List.of(8080, port)).passed());
      assertTrue(io.spacetime.runbook.deployment.gates.NetworkGate.firewallAllows(report, List.of(8080)).passed());
    } finally {
      run(concat(List.of("iptables", "-D"), rule));
    }
  }

  @Test
  void namesTheRequiredFilesTheStagedReleaseLacks() throws Exception {
    DeployRoot root = DeployRoot.create(hostDir);
    StagedRelease staged = checks.inspectStagedRelease(HostContexts.of(host, root.layout()),
        List.of("addons/godot_debug_connection/godot_bridge.gd", "addons/godot_debug_connection/telemetry_server.gd"));
    assertEquals(List.of("addons/godot_debug_connection/telemetry_server.gd"), staged.missingFiles());
    assertEquals(0, staged.unreadableFiles());
  }

  @Test
  void aRequiredFileOutsideTheReleaseIsRefusedBeforeAnyCommand() throws Exception {
    DeployRoot root = DeployRoot.create(hostDir);
    int sessions = ssh.server().sessions();
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> checks.inspectStagedRelease(HostContexts.of(host, root.layout()), List.of("../../etc/shadow")));
    assertEquals("ConfigurationInvalid", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("requiredFiles"), failure.getOriginalMessage());
    assertEquals(sessions, ssh.server().sessions());
  }

  @Test
  void aMissingPathIsReportedWithTheHostAndDfsComplaint() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> checks.measureServerResources(HostContexts.rootedAt(host, hostDir.resolve("missing").toString())));
    assertEquals("UnexpectedOutput", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("api-1") && failure.getOriginalMessage().contains("No such file"),
        failure.getOriginalMessage());
  }

  @Test
  void findsListenersOnTheServiceAddressOrAWildcardOnly() throws Exception {
    try (ServerSocket ours = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        ServerSocket otherHost = new ServerSocket()) {
      otherHost.bind(new InetSocketAddress("127.0.55.77", 0));
      int free = freePort();
      PortUsage usage = checks.inspectPorts(HostContexts.withPorts(host, List.of(ours.getLocalPort(), otherHost.getLocalPort(), free)));

      assertEquals(new PortUsage.PortHolder(ours.getLocalPort(), true, "java", (int) ProcessHandle.current().pid()),
          usage.ports().get(0));
      assertFalse(usage.ports().get(1).listening(), "127.0.55.77 is another host's address");
      assertFalse(usage.ports().get(2).listening());
    }
  }

  @Test
  void readsACertificateFilesExpiryAndSubject() throws Exception {
    Path cert = hostDir.resolve("spacetime-api.crt");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "40", "-subj", "/CN=spacetime-api.test",
        "-keyout", hostDir.resolve("key.pem").toString(), "-out", cert.toString())
        .redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    assertEquals(0, openssl.waitFor());

    CertificateInfo info = checks.inspectCertificateFile(HostContexts.of(host, Layout.defaults()), cert.toString());
    assertEquals("", info.error());
    assertTrue(info.subject().contains("CN = spacetime-api.test"), info.subject());
    long inForty = Instant.now().plusSeconds(40L * 86400).getEpochSecond();
    assertTrue(Math.abs(info.notAfterEpochSeconds() - inForty) < 86400, "notAfter " + info.notAfterEpochSeconds());
    assertEquals("api-1:" + cert, info.source());
  }

  @Test
  void anUnreadableCertificateIsAnErrorNotAnException() {
    CertificateInfo info = checks.inspectCertificateFile(HostContexts.of(host, Layout.defaults()), hostDir.resolve("none.crt").toString());
    assertEquals(0, info.notAfterEpochSeconds());
    assertTrue(info.error().contains("none.crt"), info.error());
  }

  @Test
  void inspectsAStagedGitCheckout() throws Exception {
    DeployRoot root = DeployRoot.create(hostDir);
    Path staging = root.path("staging");
    deleteGitStub(staging);
    git(staging, "init", "-q", "-b", "main");
    git(staging, "add", "-A");
    git(staging, "commit", "-q", "-m", "release v2.5.0");
    git(staging, "tag", "v2.5.0");

    StagedRelease clean = checks.inspectStagedRelease(HostContexts.of(host, root.layout()), List.of());
    assertTrue(clean.present());
    assertEquals("v2.5.0", clean.version());
    assertTrue(clean.gitCheckout());
    assertEquals("v2.5.0", clean.gitDescribe());
    assertTrue(clean.commit().matches("[0-9a-f]{40}"), clean.commit());
    assertTrue(clean.clean());

    root.write("staging/VERSION", "v2.5.0-dirty\n");
    StagedRelease dirty = checks.inspectStagedRelease(HostContexts.of(host, root.layout()), List.of());
    assertFalse(dirty.clean());
  }

  @Test
  void inspectsAPlainStagingDirectoryAndAMissingOne() throws Exception {
    DeployRoot root = DeployRoot.create(hostDir);
    deleteGitStub(root.path("staging"));
    StagedRelease plain = checks.inspectStagedRelease(HostContexts.of(host, root.layout()), List.of());
    assertTrue(plain.present());
    assertEquals("v2.5.0", plain.version());
    assertFalse(plain.gitCheckout());
    assertEquals("", plain.commit());

    StagedRelease missing = checks.inspectStagedRelease(HostContexts.of(host, root.layout().withDeployRoot(hostDir.resolve("x").toString())), List.of());
    assertFalse(missing.present());
    assertEquals("", missing.version());
  }

  @Test
  void findsToolVersionsOnStdoutOrStderr() {
    List<ToolVersion> tools = checks.inspectTools(HostContexts.of(host, Layout.defaults()), List.of(
        new ToolRequirement("godot", "printf '4.5.0.stable.official.abc\\n'", "4.5.0"),
        new ToolRequirement("java", "java -version", "17"),
        new ToolRequirement("missing", "no-such-tool --version", "1.0")));

    assertEquals(new ToolVersion("godot", true, "4.5.0", "4.5.0", tools.get(0).command()), tools.get(0));
    assertTrue(tools.get(1).found());
    assertTrue(VersionParser.atLeast(tools.get(1).version(), "17"), tools.get(1).version());
    assertFalse(tools.get(2).found());
    assertEquals("", tools.get(2).version());
  }

  @Test
  void runsAConfiguredCommandInADirectoryWithPlaceholders() {
    CommandEvidence evidence = checks.runConfiguredCommand(HostContexts.of(host, Layout.defaults()), hostDir.toString(), "pwd; echo {host}; exit 4", 10);
    assertEquals(4, evidence.exitCode());
    assertEquals(hostDir + "\napi-1\n", evidence.stdoutTail());
    assertTrue(evidence.command().startsWith("cd " + hostDir + " && "), evidence.command());
  }

  @Test
  void aConfiguredCommandThatNeedsTheDeployRootIsRefusedClearly() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> checks.runConfiguredCommand(HostContexts.of(host, Layout.defaults()), hostDir.toString(), "ls {deployRoot}", 10));
    assertEquals("ConfigurationInvalid", failure.getType());
  }

  private static void deleteGitStub(Path staging) throws IOException {
    Files.deleteIfExists(staging.resolve(".git/HEAD"));
    Files.deleteIfExists(staging.resolve(".git"));
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Release Bot",
        "-c", "user.email=release@example.com", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes());
    assertEquals(0, git.waitFor(), out);
  }

  private static int run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
