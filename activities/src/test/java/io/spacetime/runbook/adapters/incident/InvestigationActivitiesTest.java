package io.spacetime.runbook.adapters.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.hosts.ReleaseActivitiesImpl;
import io.spacetime.runbook.adapters.testing.DeployRoot;
import io.spacetime.runbook.adapters.testing.HostContexts;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.spacetime.runbook.ports.incident.DiskSettings;
import io.spacetime.runbook.ports.incident.DiskUsageReport.SizedPath;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.InvestigationActivities;
import io.spacetime.runbook.ports.incident.LogErrorCounts;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The investigation readings over real SSH (MINA) against a real deploy root: each test puts the
 * condition there (an old log, a core dump, a removed or unreadable scene, a foreign listener, a
 * growing process) and checks that the reading reports exactly it.
 */
class InvestigationActivitiesTest {

  static final List<LogPattern> RUNBOOK_PATTERNS = List.of(
      new LogPattern("Crash messages", "crash|fatal|panic"),
      new LogPattern("Out of memory errors", "out of memory|oom"),
      new LogPattern("Port binding failures", "address already in use|bind failed"));

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  @TempDir Path dir;
  DeployRoot root;
  HostTarget host;
  InvestigationActivitiesImpl investigation;

  @BeforeEach
  void setUp() throws IOException {
    root = DeployRoot.create(dir);
    host = ssh.target("api-1");
    investigation = new InvestigationActivitiesImpl(ssh.connections());
  }

  HostContext context(List<Integer> ports) {
    return HostContexts.of(host, root.layout(), new ServiceCommands(null, null, null, "logs/service.log", null), ports);
  }

  @Test
  void countsEachPatternInTheLastLinesOnlyWithTheNewestExamples() throws IOException {
    String old = "09:00 FATAL crash long ago\n".repeat(5);
    String recent = IntStream.range(0, 20).mapToObj(i -> "10:" + i + " INFO ok\n").collect(Collectors.joining())
        + "10:30 ERROR Out of memory in SceneLoader\n10:31 ERROR bind failed: Address already in use\n"
        + "10:32 ERROR OOM killer near\n10:33 INFO fine\n";
    root.write("logs/service.log", old + recent);

    LogErrorCounts counts = investigation.countLogErrors(context(List.of()), RUNBOOK_PATTERNS, 24);

    assertTrue(counts.logFound());
    assertEquals(24, counts.linesRead());
    assertEquals(0, counts.count("Crash messages"), "the crashes are older than the last 24 lines");
    assertEquals(2, counts.count("Out of memory errors"));
    assertEquals(1, counts.count("Port binding failures"));
    assertEquals(List.of("10:30 ERROR Out of memory in SceneLoader", "10:32 ERROR OOM killer near",
        "10:31 ERROR bind failed: Address already in use"), counts.examples());
    assertEquals(5, investigation.countLogErrors(context(List.of()), RUNBOOK_PATTERNS, 1000).count("Crash messages"));
  }

  @Test
  void examplesAreBoundedInNumberAndLength() throws IOException {
    root.write("logs/service.log", ("ERROR crash " + "x".repeat(1000) + "\n").repeat(50));

    LogErrorCounts counts = investigation.countLogErrors(context(List.of()), RUNBOOK_PATTERNS, 100);

    assertEquals(50, counts.count("Crash messages"));
    assertTrue(counts.examples().size() <= InvestigationActivitiesImpl.MAX_EXAMPLES, counts.examples().toString());
    assertTrue(counts.examples().stream().allMatch(line -> line.length() <= InvestigationActivitiesImpl.EXAMPLE_CHARS));
  }

  @Test
  void aMissingLogCountsNothingAndNamesTheSetting() {
    LogErrorCounts counts = investigation.countLogErrors(context(List.of()), RUNBOOK_PATTERNS, 100);

    assertFalse(counts.logFound());
    assertEquals(0, counts.total());
    assertTrue(counts.why().contains(root.path("logs/service.log") + " (service.logFile) does not exist"), counts.why());
  }

  @Test
  void aPatternIsAnArgumentNeverShellSyntaxAndABrokenOneIsNamed() throws IOException {
    root.write("logs/service.log", "a $(touch pwned) b\n-v\n");

    LogErrorCounts counts = investigation.countLogErrors(context(List.of()),
        List.of(new LogPattern("hostile", "\\$\\(touch pwned\\)"), new LogPattern("option", "-v")), 10);
    assertEquals(1, counts.count("hostile"));
    assertEquals(1, counts.count("option"), "taken as a pattern, not as grep's -v");
    assertFalse(Files.exists(ssh.server().root().resolve("pwned")));

    ApplicationFailure broken = assertThrows(ApplicationFailure.class, () -> investigation.countLogErrors(
        context(List.of()), List.of(new LogPattern("unclosed", "(crash")), 10));
    assertEquals("InvalidInput", broken.getType());
    assertTrue(broken.getOriginalMessage().contains("'unclosed' ((crash)"), broken.getOriginalMessage());
  }

  @Test
  void diskUsageFindsWhatTakesTheSpace() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    root.write("backups/big.tar.gz", "b".repeat(3 * 1024 * 1024));
    root.write("core.12345", "c".repeat(4096));
    root.write("production-v2.4.0/core.gd", "extends Node\n");
    Files.writeString(temp.resolve("godot-export.tmp"), "t".repeat(1000));
    Files.createDirectories(temp.resolve("spacetime-cache"));
    Files.writeString(temp.resolve("spacetime-cache/blob"), "s".repeat(5000));
    Files.writeString(temp.resolve("other-file"), "o");
    Files.writeString(temp.resolve("core.777"), "dump");
    root.write("logs/old.log", "old\n");
    root.write("logs/week.log", "a week less an hour\n");
    root.write("logs/current.log", "now\n");
    age(root.path("logs/old.log"), "10 days ago");
    age(root.path("logs/week.log"), "167 hours ago");

    DiskUsageReport disk = investigation.inspectDiskUsage(context(List.of()),
        new DiskSettings("logs", 7, List.of(temp.toString()), List.of("godot-*", "spacetime-*"), 0));

    assertTrue(disk.basis().startsWith("the file system holding " + root.path("")), disk.basis());
    assertTrue(disk.usedPercent() > 0 && disk.usedPercent() <= 100, "used " + disk.usedPercent());
    assertTrue(disk.totalMb() > 0 && disk.usedMb() <= disk.totalMb());
    assertEquals(root.path("backups").toString(), disk.entries().get(0).path(), "the largest top-level entry first");
    assertTrue(disk.entries().get(0).bytes() >= 3 * 1024 * 1024);
    assertEquals(new SizedPath(root.path("backups/big.tar.gz").toString(), 3 * 1024 * 1024), disk.largestFiles().get(0));
    assertEquals(List.of(new SizedPath(root.path("core.12345").toString(), 4096),
        new SizedPath(temp.resolve("core.777").toString(), 4)), disk.coreDumps(), "a release's core.gd is no core dump");
    assertEquals(List.of(temp.resolve("spacetime-cache").toString(), temp.resolve("godot-export.tmp").toString()),
        paths(disk.tempFiles()));
    assertTrue(disk.tempFiles().get(0).bytes() >= 5000, "a directory counts with its content");
    assertEquals(List.of(new SizedPath(root.path("logs/old.log").toString(), 4)), disk.oldLogs());
  }

  @Test
  void withAQuotaTheDeployRootsSizeIsTheBasis() throws IOException {
    root.write("backups/big.tar.gz", "b".repeat(4 * 1024 * 1024));

    DiskUsageReport disk = investigation.inspectDiskUsage(context(List.of()),
        new DiskSettings(null, null, List.of(), List.of(), 10));

    assertTrue(disk.basis().contains("incident.disk.quotaMb 10 MB"), disk.basis());
    assertEquals(10, disk.totalMb());
    assertEquals(4, disk.usedMb(), "4 MB of archive and a few KB of release");
    assertTrue(disk.usedPercent() >= 40 && disk.usedPercent() < 50, "used " + disk.usedPercent());
  }

  @Test
  void aTempPatternThatWouldMatchEverythingIsRefusedBeforeAnyCommand() {
    int before = ssh.server().commands().size();
    for (String pattern : List.of("*", ".*", "a/b*", "go*")) {
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> investigation.inspectDiskUsage(
          context(List.of()), new DiskSettings(null, null, List.of("/tmp"), List.of(pattern), 0)));
      assertEquals("ConfigurationInvalid", failure.getType());
      assertTrue(failure.getOriginalMessage().contains("incident.disk.tempPatterns[0]"), failure.getOriginalMessage());
    }
    assertEquals(before, ssh.server().commands().size());
  }

  @Test
  void memoryIsSampledFromTheApiPortsProcessEachTime() throws Exception {
    try (Child growing = Child.listeningAndGrowing(dir)) {
      MemoryTrend trend = investigation.sampleMemory(context(List.of(growing.port())), 3, 1);

      assertEquals(List.of(growing.pid(), growing.pid(), growing.pid()), trend.pids());
      assertEquals(3, trend.rssKb().size());
      assertTrue(trend.rssKb().get(2) > trend.rssKb().get(0), "the child's RSS grew: " + trend.rssKb());
      assertTrue(trend.rssKb().get(0) > 10_000, "a JVM's RSS is more than 10 MB: " + trend.rssKb());
      assertEquals(1, trend.intervalSeconds());
      long memTotal = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", ""));
      assertEquals(memTotal, trend.memTotalKb());
      assertEquals(4, trend.commands().size(), "three samples and the kernel reads");
    }
  }

  @Test
  void aSampleWithNothingOnThePortSaysZero() throws Exception {
    int free = freePort();
    MemoryTrend trend = investigation.sampleMemory(context(List.of(free)), 2, 0);
    assertEquals(List.of(0, 0), trend.pids());
    assertEquals(List.of(0L, 0L), trend.rssKb());
  }

  @Test
  void samplingThatCannotFitItsActivitysTimeIsRefusedAtOnce() {
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.registerActivitiesImplementations(investigation);
      InvestigationActivities stub = temporal.newActivityStub(InvestigationActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
      ActivityFailure failure = assertThrows(ActivityFailure.class, () -> stub.sampleMemory(context(List.of(8080)), 10, 60));
      ApplicationFailure cause = (ApplicationFailure) failure.getCause();
      assertEquals("ConfigurationInvalid", cause.getType());
      assertTrue(cause.getOriginalMessage().contains("takes 540 s"), cause.getOriginalMessage());
      assertTrue(cause.getOriginalMessage().contains("incident.memorySamples x incident.memoryIntervalSeconds"));
    } finally {
      temporal.close();
    }
  }

  @Test
  void sceneFilesReportWhatIsMissingUnreadableOrNotTextAndWhichBackupHoldsIt() throws Exception {
    servedScenes();
    String archive = backup("20251201_100000");
    Files.delete(root.path("production-v2.4.0/scripts/vr_setup.gd"));
    Files.delete(root.path("production-v2.4.0/lost.tscn"));
    Files.setPosixFilePermissions(root.path("production-v2.4.0/locked.tscn"), PosixFilePermissions.fromString("---------"));
    Files.write(root.path("production-v2.4.0/broken.tscn"), new byte[] {'[', 'g', 'd', 0, 0, 1, 2});

    SceneFilesReport report = investigation.inspectSceneFiles(context(List.of()),
        List.of("vr_main.tscn", "lost.tscn", "locked.tscn", "broken.tscn"));

    assertEquals(root.path("production-v2.4.0").toString(), report.releaseDir());
    assertEquals(List.of("lost.tscn", "scripts/vr_setup.gd"), report.missing().stream().sorted().toList());
    assertEquals(List.of("locked.tscn"), report.unreadable(), "mode 000: the deploy user is root here and still"
        + " reads it, the service would not");
    assertEquals(List.of("broken.tscn"), report.notText());
    assertEquals(archive, report.restorableFrom());
    assertTrue(report.checked().containsAll(List.of("vr_main.tscn", "scripts/vr_setup.gd", "textures/sky.png")));
    assertFalse(report.notText().contains("textures/sky.png"), "a texture need not be text");
    assertFalse(report.healthy());
  }

  @Test
  void theNewestArchiveHoldingEveryMissingFileIsNamedNotMerelyTheNewest() throws Exception {
    servedScenes();
    String complete = backup("20251201_100000");
    Files.delete(root.path("production-v2.4.0/lost.tscn"));
    String newer = backup("20251202_100000");
    age(Path.of(complete), "2 days ago");

    SceneFilesReport report = investigation.inspectSceneFiles(context(List.of()), List.of("lost.tscn"));

    assertNotEquals(newer, report.restorableFrom());
    assertEquals(complete, report.restorableFrom());
  }

  @Test
  void aMissingFileNoBackupHoldsIsNotRestorable() throws Exception {
    servedScenes();
    SceneFilesReport report = investigation.inspectSceneFiles(context(List.of()), List.of("never-there.tscn"));
    assertEquals(List.of("never-there.tscn"), report.missing());
    assertEquals("", report.restorableFrom());
  }

  @Test
  void healthyScenesReportNothing() throws Exception {
    servedScenes();
    SceneFilesReport report = investigation.inspectSceneFiles(context(List.of()), List.of("vr_main.tscn"));
    assertTrue(report.healthy(), report.toString());
    assertEquals(List.of("vr_main.tscn", "scripts/vr_setup.gd", "textures/sky.png"), report.checked());
  }

  @Test
  void aForeignListenerIsNamedWithItsCommandLineAndDirectory() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    try (Child foreign = Child.listening(elsewhere)) {
      PortHolder holder = investigation.findPortHolder(context(List.of()), foreign.port());

      assertEquals(foreign.pid(), holder.pid());
      assertTrue(holder.held());
      assertFalse(holder.isService());
      assertEquals(elsewhere.toRealPath().toString(), holder.workingDir());
      assertTrue(holder.commandLine().contains(Child.class.getName() + " listen"), holder.commandLine());
      assertEquals("", holder.why());
    }
  }

  @Test
  void aListenerRunningFromAReleaseIsTheService() throws Exception {
    try (Child service = Child.listening(root.path("production"))) {
      PortHolder holder = investigation.findPortHolder(context(List.of()), service.port());
      assertEquals(service.pid(), holder.pid());
      assertTrue(holder.isService(), holder.workingDir());
      assertEquals(root.path("production-v2.4.0").toRealPath().toString(), holder.workingDir());
    }
  }

  @Test
  void aFreePortHasNoHolderAndSaysSo() throws Exception {
    int free = freePort();
    PortHolder holder = investigation.findPortHolder(context(List.of()), free);
    assertFalse(holder.held());
    assertTrue(holder.why().startsWith("nothing listens on port " + free), holder.why());
  }

  @Test
  void writeCheckSucceedsInTheDeployRootAndLeavesNothing() throws IOException {
    CommandEvidence written = investigation.checkWritable(context(List.of()));
    assertEquals(0, written.exitCode());
    try (var files = Files.list(root.path(""))) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".runbook-write-test-")));
    }
    CommandEvidence missing = investigation.checkWritable(HostContexts.rootedAt(host, dir.resolve("no/such/root")));
    assertNotEquals(0, missing.exitCode());
  }

  /** vr_main.tscn with a script and a texture, and three more scenes, in the served release. */
  void servedScenes() throws IOException {
    root.write("production-v2.4.0/vr_main.tscn", """
        [gd_scene load_steps=3 format=3 uid="uid://b1"]

        [ext_resource type="Script" uid="uid://c2" path="res://scripts/vr_setup.gd" id="1_abc"]
        [ext_resource type="Texture2D" path="res://textures/sky.png" id="2_def"]

        [node name="Main" type="Node3D"]
        script = ExtResource("1_abc")
        """);
    root.write("production-v2.4.0/scripts/vr_setup.gd", "extends Node3D\n");
    Files.createDirectories(root.path("production-v2.4.0/textures"));
    Files.write(root.path("production-v2.4.0/textures/sky.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0});
    root.write("production-v2.4.0/lost.tscn", "[gd_scene format=3]\n");
    root.write("production-v2.4.0/locked.tscn", "[gd_scene format=3]\n");
    root.write("production-v2.4.0/broken.tscn", "[gd_scene format=3]\n");
  }

  /** A backup of the served release as Step 3.1 writes it. */
  String backup(String id) {
    return new ReleaseActivitiesImpl(ssh.connections()).backupCurrentRelease(HostContexts.of(host, root.layout()), id)
        .archive();
  }

  static void age(Path file, String when) throws IOException, InterruptedException {
    Process touch = new ProcessBuilder("touch", "-d", when, file.toString()).inheritIO().start();
    assertEquals(0, touch.waitFor());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static List<String> paths(List<SizedPath> sized) {
    return sized.stream().map(SizedPath::path).toList();
  }
}
