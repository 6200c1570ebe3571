package io.spacetime.runbook.adapters.incident;

import static io.spacetime.runbook.adapters.incident.InvestigationActivitiesTest.age;
import static io.spacetime.runbook.adapters.incident.InvestigationActivitiesTest.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.hosts.ReleaseActivitiesImpl;
import io.spacetime.runbook.adapters.testing.DeployRoot;
import io.spacetime.runbook.adapters.testing.HostContexts;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.incident.BackupRetention;
import io.spacetime.runbook.ports.incident.DiskSettings;
import io.spacetime.runbook.ports.incident.MitigationReport;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolution actions over real SSH (MINA) against a real deploy root and real processes: each
 * one really changes the host, and a second run finds nothing left to do ({@code changed=false}).
 */
class MitigationActivitiesTest {

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  @TempDir Path dir;
  DeployRoot root;
  Path temp;
  HostTarget host;
  HostContext context;
  DiskSettings disk;
  MitigationActivitiesImpl mitigation;

  @BeforeEach
  void setUp() throws IOException {
    root = DeployRoot.create(dir);
    temp = Files.createDirectories(dir.resolve("tmp"));
    host = ssh.target("api-1");
    context = HostContexts.of(host, root.layout());
    disk = new DiskSettings("logs", 7, List.of(temp.toString()), List.of("godot-*", "spacetime-*"), 0);
    mitigation = new MitigationActivitiesImpl(ssh.connections());
  }

  @Test
  void oldLogsAreCompressedIntoBackupsLogsAndTheSecondRunHasNothingToDo() throws Exception {
    String filler = "2025-11-20 10:00:00 INFO scene loaded in 12 ms\n".repeat(4000);
    root.write("logs/godot-1120.log", filler);
    root.write("logs/godot-1121.log", filler + "last line\n");
    root.write("logs/godot.log", "today\n");
    age(root.path("logs/godot-1120.log"), "10 days ago");
    age(root.path("logs/godot-1121.log"), "8 days ago");

    MitigationReport first = mitigation.compressOldLogs(context, disk);

    assertTrue(first.changed(), first.summary());
    assertFalse(Files.exists(root.path("logs/godot-1120.log")));
    assertFalse(Files.exists(root.path("logs/godot-1121.log")));
    assertEquals("today\n", root.read("logs/godot.log"), "a recent log stays");
    assertEquals(filler, gunzip(root.path("backups/logs/godot-1120.log.gz")));
    assertEquals(filler + "last line\n", gunzip(root.path("backups/logs/godot-1121.log.gz")));
    long compressed = Files.size(root.path("backups/logs/godot-1120.log.gz")) + Files.size(root.path("backups/logs/godot-1121.log.gz"));
    assertEquals(2L * filler.length() + "last line\n".length() - compressed, first.freedBytes(), "measured: logs minus archives");
    assertTrue(first.summary().startsWith("compressed 2 *.log files older than 7 days"), first.summary());

    MitigationReport second = mitigation.compressOldLogs(context, disk);
    assertFalse(second.changed());
    assertEquals(0, second.freedBytes());
    assertTrue(second.summary().startsWith("no *.log files older than 7 days"), second.summary());
  }

  @Test
  void anEarlierArchiveOfTheSameNameIsNeverOverwritten() throws Exception {
    root.write("logs/godot.log", "the new old log\n");
    age(root.path("logs/godot.log"), "9 days ago");
    root.write("backups/logs/godot.log.gz", "an archive from last month");

    MitigationReport report = mitigation.compressOldLogs(context, disk);

    assertTrue(report.changed());
    assertEquals("an archive from last month", root.read("backups/logs/godot.log.gz"));
    try (Stream<Path> archives = Files.list(root.path("backups/logs"))) {
      List<Path> others = archives.filter(p -> !p.getFileName().toString().equals("godot.log.gz")).toList();
      assertEquals(1, others.size(), others.toString());
      assertTrue(others.get(0).getFileName().toString().matches("godot\\.log\\.\\d{14}\\.gz"), others.toString());
      assertEquals("the new old log\n", gunzip(others.get(0)));
    }
  }

  @Test
  void coreDumpsAreRemovedAndAScriptNamedCoreIsLeftAlone() throws Exception {
    root.write("core.4242", "x".repeat(10_000));
    Files.writeString(temp.resolve("core.99"), "y".repeat(500));
    root.write("production-v2.4.0/core.gd", "extends Node\n");

    MitigationReport first = mitigation.removeCoreDumps(context, disk);

    assertTrue(first.changed());
    assertEquals(10_500, first.freedBytes());
    assertEquals(Set.of(root.path("core.4242").toString(), temp.resolve("core.99").toString()),
        Set.copyOf(first.affected()));
    assertFalse(Files.exists(root.path("core.4242")));
    assertFalse(Files.exists(temp.resolve("core.99")));
    assertTrue(Files.exists(root.path("production-v2.4.0/core.gd")));
    assertFalse(mitigation.removeCoreDumps(context, disk).changed());
  }

  @Test
  void onlyTheConfiguredTempPatternsInTheConfiguredDirectoriesAreDeleted() throws Exception {
    Files.writeString(temp.resolve("godot-export.tmp"), "a".repeat(300));
    Path cache = Files.createDirectories(temp.resolve("spacetime-cache/nested"));
    Files.writeString(cache.resolve("blob"), "b".repeat(700));
    Files.writeString(temp.resolve("not-ours.tmp"), "keep");
    Path outside = Files.createDirectories(dir.resolve("precious"));
    Files.writeString(outside.resolve("data"), "keep me");
    Files.createSymbolicLink(temp.resolve("godot-link"), outside);
    root.write("godot-in-the-deploy-root", "not a temp directory");

    MitigationReport first = mitigation.cleanTempFiles(context, disk);

    assertTrue(first.changed(), first.summary());
    assertFalse(Files.exists(temp.resolve("godot-export.tmp")));
    assertFalse(Files.exists(temp.resolve("spacetime-cache")));
    assertTrue(first.freedBytes() >= 1000, "the file and the directory's content: " + first.freedBytes());
    assertTrue(Files.exists(temp.resolve("not-ours.tmp")));
    assertTrue(Files.isSymbolicLink(temp.resolve("godot-link")), "a link is not followed nor removed");
    assertEquals("keep me", Files.readString(outside.resolve("data")));
    assertTrue(Files.exists(root.path("godot-in-the-deploy-root")));
    assertEquals(2, first.affected().size(), first.affected().toString());

    MitigationReport second = mitigation.cleanTempFiles(context, disk);
    assertFalse(second.changed());
    assertEquals(0, second.freedBytes());
  }

  @Test
  void pruningKeepsExactlySevenDailyFourWeeklyAndThreeMonthly() throws Exception {
    List<String> daily = new ArrayList<>();
    for (int day = 1; day <= 10; day++) {
      daily.add(String.format("production_202511%02d_020000.tar.gz", day));
    }
    List<String> weekly = List.of("production_weekly_20250901.tar.gz", "production_weekly_20250908.tar.gz",
        "production_weekly_20250915.tar.gz", "production_weekly_20250922.tar.gz", "production_weekly_20250929.tar.gz",
        "production_weekly_20251006.tar.gz");
    List<String> monthly = List.of("production_monthly_20250601.tar.gz", "production_monthly_20250701.tar.gz",
        "production_monthly_20250801.tar.gz", "production_monthly_20250901.tar.gz", "production_monthly_20251001.tar.gz");
    for (String name : concat(daily, weekly, monthly)) {
      root.write("backups/" + name, "archive " + name);
    }
    root.write("backups/production_pre_deploy_deploy-prod-1-abcdef12.tar.gz", "a deployment's rollback point");
    root.write("backups/.env.deploy-prod-1-abcdef12", "API_PORT=8080\n");
    // Modification times say the opposite of the names: the names decide.
    age(root.path("backups/" + daily.get(9)), "30 days ago");

    MitigationReport first = mitigation.pruneBackups(context, BackupRetention.runbookDefaults());

    List<String> kept;
    try (Stream<Path> files = Files.list(root.path("backups"))) {
      kept = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> expected = new ArrayList<>(concat(daily.subList(3, 10), weekly.subList(2, 6), monthly.subList(2, 5)));
    expected.add("production_pre_deploy_deploy-prod-1-abcdef12.tar.gz");
    expected.add(".env.deploy-prod-1-abcdef12");
    assertEquals(expected.stream().sorted().toList(), kept);
    assertTrue(first.changed());
    assertEquals(concat(daily.subList(0, 3), weekly.subList(0, 2), monthly.subList(0, 2)).stream().sorted().toList(),
        first.affected().stream().sorted().toList());
    long freed = concat(daily.subList(0, 3), weekly.subList(0, 2), monthly.subList(0, 2)).stream()
        .mapToLong(name -> ("archive " + name).length()).sum();
    assertEquals(freed, first.freedBytes());
    assertTrue(first.summary().contains("1 not named by date"), first.summary());

    MitigationReport second = mitigation.pruneBackups(context, BackupRetention.runbookDefaults());
    assertFalse(second.changed());
    assertEquals(List.of(), second.affected());
  }

  @Test
  void aForeignPortHolderIsEndedAndASecondRunFindsItGone() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    try (Child foreign = Child.listening(elsewhere)) {
      MitigationReport first = mitigation.killPortHolder(context, foreign.port(), foreign.pid());

      assertTrue(first.changed(), first.summary());
      assertTrue(foreign.awaitExit(), "the process ended");
      assertTrue(first.summary().startsWith("ended process " + foreign.pid()), first.summary());
      assertTrue(first.summary().endsWith("port " + foreign.port() + " is free"), first.summary());
      assertFalse(accepts(foreign.port()));

      MitigationReport second = mitigation.killPortHolder(context, foreign.port(), foreign.pid());
      assertFalse(second.changed());
      assertTrue(second.summary().contains("is gone"), second.summary());
    }
  }

  @Test
  void aHolderDeafToTermIsKilledAfterTheGrace() throws Exception {
    HostTarget quick = new HostTarget(host.name(), host.address(), host.sshPort(), host.serviceAddress(), host.user(),
        host.keyFile(), host.knownHosts(), 5, 3, 30, 300, 3600);
    try (Child deaf = Child.listeningDeafToTerm(dir)) {
      MitigationReport report = mitigation.killPortHolder(HostContexts.of(quick, root.layout()), deaf.port(), deaf.pid());

      assertTrue(report.changed());
      assertTrue(report.summary().contains("did not exit within 1 s of TERM and was killed (KILL)"), report.summary());
      assertTrue(deaf.awaitExit());
    }
  }

  @Test
  void theServiceIsNeverKilledEvenWhenAskedTo() throws Exception {
    try (Child service = Child.listening(root.path("production"))) {
      ApplicationFailure refused = assertThrows(ApplicationFailure.class,
          () -> mitigation.killPortHolder(context, service.port(), service.pid()));

      assertTrue(refused.isNonRetryable());
      assertTrue(refused.getOriginalMessage().contains("was not signalled: it is the service"), refused.getOriginalMessage());
      assertTrue(service.alive());
      assertTrue(accepts(service.port()));
    }
  }

  @Test
  void aPidThatNoLongerHoldsThePortIsNotSignalled() throws Exception {
    try (Child listener = Child.listening(dir); Child other = Child.idle(dir)) {
      ApplicationFailure refused = assertThrows(ApplicationFailure.class,
          () -> mitigation.killPortHolder(context, listener.port(), other.pid()));

      assertTrue(refused.getOriginalMessage().contains("it no longer listens on port " + listener.port()
          + " (now: pid " + listener.pid()), refused.getOriginalMessage());
      assertTrue(other.alive());
      assertTrue(listener.alive());
    }
    int free = freePort();
    try (Child idle = Child.idle(dir)) {
      ApplicationFailure refused = assertThrows(ApplicationFailure.class,
          () -> mitigation.killPortHolder(context, free, idle.pid()));
      assertTrue(refused.getOriginalMessage().contains("(now: nothing listens)"), refused.getOriginalMessage());
      assertTrue(idle.alive());
    }
  }

  @Test
  void missingSceneFilesComeBackFromTheNewestBackupHoldingThemAndExistingOnesAreNeverOverwritten() throws Exception {
    root.write("production-v2.4.0/vr_main.tscn", "[gd_scene format=3]\n");
    root.write("production-v2.4.0/scripts/vr_setup.gd", "extends Node3D\n");
    root.write("production-v2.4.0/changed.tscn", "[gd_scene] as backed up\n");
    new ReleaseActivitiesImpl(ssh.connections()).backupCurrentRelease(context, "20251201_100000");
    Files.delete(root.path("production-v2.4.0/vr_main.tscn"));
    Files.delete(root.path("production-v2.4.0/scripts/vr_setup.gd"));
    Files.delete(root.path("production-v2.4.0/scripts"));
    root.write("production-v2.4.0/changed.tscn", "[gd_scene] edited since\n");

    MitigationReport first = mitigation.restoreSceneFiles(context,
        List.of("vr_main.tscn", "scripts/vr_setup.gd", "changed.tscn", "nowhere.tscn"));

    assertTrue(first.changed(), first.summary());
    assertEquals("[gd_scene format=3]\n", root.read("production-v2.4.0/vr_main.tscn"));
    assertEquals("extends Node3D\n", root.read("production-v2.4.0/scripts/vr_setup.gd"));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.path("production-v2.4.0/vr_main.tscn"))));
    assertEquals("[gd_scene] edited since\n", root.read("production-v2.4.0/changed.tscn"), "never overwritten");
    assertEquals(2, first.affected().size(), first.affected().toString());
    assertTrue(first.summary().contains("[nowhere.tscn]"), first.summary());
    try (Stream<Path> files = Files.list(root.path(""))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".runbook-restore-")), "no scratch left");
    }

    MitigationReport second = mitigation.restoreSceneFiles(context, List.of("vr_main.tscn", "scripts/vr_setup.gd"));
    assertFalse(second.changed());
  }

  @Test
  void scenePathsThatLeaveTheReleaseAreRefused() {
    ApplicationFailure refused = assertThrows(ApplicationFailure.class,
        () -> mitigation.restoreSceneFiles(context, List.of("../../etc/passwd")));
    assertEquals("InvalidInput", refused.getType());
  }

  @Test
  void sceneAndScriptModesAreFixedTo644AndNothingElse() throws Exception {
    root.write("production-v2.4.0/vr_main.tscn", "[gd_scene]\n");
    root.write("production-v2.4.0/scripts/a.gd", "extends Node\n");
    root.write("production-v2.4.0/scripts/b.gd", "extends Node\n");
    root.write("production-v2.4.0/textures/sky.png", "png");
    mode("production-v2.4.0/vr_main.tscn", "---------");
    mode("production-v2.4.0/scripts/a.gd", "rw-------");
    mode("production-v2.4.0/textures/sky.png", "rw-------");

    MitigationReport first = mitigation.fixScenePermissions(context);

    assertTrue(first.changed());
    assertEquals(2, first.affected().size(), first.affected().toString());
    assertEquals("rw-r--r--", mode("production-v2.4.0/vr_main.tscn"));
    assertEquals("rw-r--r--", mode("production-v2.4.0/scripts/a.gd"));
    assertEquals("rw-r--r--", mode("production-v2.4.0/scripts/b.gd"));
    assertEquals("rw-------", mode("production-v2.4.0/textures/sky.png"), "only *.tscn and *.gd");
    assertFalse(mitigation.fixScenePermissions(context).changed());
  }

  @Test
  void theScheduledRestartIsInstalledOnceAndAgainOnlyWhenItChanges() throws Exception {
    String command = "printf '0 */%s * * * %s restart\\n' {everyHours} {host} >> {deployRoot}/crontab";

    MitigationReport first = mitigation.installScheduledRestart(context, command, 6);
    MitigationReport second = mitigation.installScheduledRestart(context, command, 6);

    assertTrue(first.changed());
    assertFalse(second.changed(), second.summary());
    assertEquals("0 */6 * * * api-1 restart\n", root.read("crontab"), "the command ran once");

    MitigationReport changed = mitigation.installScheduledRestart(context, command, 4);
    assertTrue(changed.changed());
    assertEquals("0 */6 * * * api-1 restart\n0 */4 * * * api-1 restart\n", root.read("crontab"));
  }

  @Test
  void aFailingScheduledRestartCommandIsNotRecordedAsInstalled() {
    ApplicationFailure failed = assertThrows(ApplicationFailure.class,
        () -> mitigation.installScheduledRestart(context, "echo no sudo here >&2; exit 3", 6));
    assertEquals("HostCommandFailed", failed.getType());
    assertTrue(failed.getOriginalMessage().contains("incident.scheduledRestartCommand"), failed.getOriginalMessage());
    assertFalse(Files.exists(root.path(MitigationActivitiesImpl.MARKER)));
  }

  String mode(String relative) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.path(relative)));
  }

  void mode(String relative, String permissions) throws IOException {
    Files.setPosixFilePermissions(root.path(relative), PosixFilePermissions.fromString(permissions));
  }

  static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }
}
