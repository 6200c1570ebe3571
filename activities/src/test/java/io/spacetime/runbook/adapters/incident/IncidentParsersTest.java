package io.spacetime.runbook.adapters.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.incident.BackupRetention;
import io.spacetime.runbook.ports.incident.DiskUsageReport.SizedPath;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure parts of the incident adapters: what they make of command output, and the retention. */
class IncidentParsersTest {

  static final HostTarget API_1 = new HostTarget("api-1", "127.0.55.1", 2201, "127.0.55.1", "deploy", "/k", "/kh",
      5, 30, 30, 300, 3600);

  @Test
  void listenersCountOnTheServiceAddressOrAWildcardWithEveryPidOfTheSocket() {
    String ss = """
        LISTEN 0 50 127.0.55.2:8080 0.0.0.0:* users:(("java",pid=10,fd=5))
        LISTEN 0 50 [::ffff:127.0.55.1]:8080 *:* users:(("python3",pid=21,fd=3),("python3",pid=22,fd=3))
        """;
    PortListeners.Seen seen = PortListeners.parse(API_1, 8080, ss);
    assertTrue(seen.listening());
    assertEquals(List.of(21, 22), seen.pids(), "another sandbox host's listener on 127.0.55.2 is not ours");
    assertEquals("python3", seen.process());

    assertFalse(PortListeners.parse(API_1, 8080, "LISTEN 0 50 127.0.55.2:8080 0.0.0.0:*\n").listening());
    PortListeners.Seen hidden = PortListeners.parse(API_1, 8080, "LISTEN 0 50 *:8080 *:*\n");
    assertTrue(hidden.listening());
    assertEquals(0, hidden.pid(), "another user's process: listening, pid not visible");
  }

  @Test
  void sceneFactsTellMissingUnreadableAndNotText() {
    SceneFacts absent = SceneFacts.parse("lost.tscn", "absent\n");
    assertFalse(absent.exists());
    assertFalse(absent.unreadable());
    assertFalse(absent.notText());

    SceneFacts locked = SceneFacts.parse("locked.tscn", "mode 0\nsize 20\nnonnul 20\n");
    assertTrue(locked.unreadable(), "mode 000, though root read it");
    assertTrue(SceneFacts.parse("a.tscn", "mode 600\nsize 5\nnonnul 5\n").unreadable(), "not readable by the service user");
    assertTrue(SceneFacts.parse("a.tscn", "mode 644\nunreadable\n").unreadable());
    assertFalse(SceneFacts.parse("a.tscn", "mode 644\nsize 5\nnonnul 5\n").unreadable());

    assertTrue(SceneFacts.parse("nul.tscn", "mode 644\nsize 7\nnonnul 5\n").notText());
    assertTrue(SceneFacts.parse("empty.tscn", "mode 644\nsize 0\nnonnul 0\n").notText());
    assertTrue(SceneFacts.parse("dir.tscn", "notfile\n").notText());
    assertFalse(SceneFacts.parse("ok.tscn", "mode 644\nsize 9\nnonnul 9\n").notText());
  }

  @Test
  void extResourcesInsideTheReleaseAreReadAndOthersNever() {
    SceneFacts scene = SceneFacts.parse("vr_main.tscn", """
        mode 644
        size 300
        nonnul 300
        path="res://scripts/vr_setup.gd"
        path="res://textures/sky.png"
        path="res://scripts/vr_setup.gd"
        path="res://../../etc/passwd"
        path="res://has space.gd"
        """);
    assertEquals(List.of("scripts/vr_setup.gd", "textures/sky.png"), scene.refs());
    assertEquals(List.of("../../etc/passwd", "has space.gd"), scene.unsafeRefs());
  }

  @Test
  void archiveMembersAreTheWantedPathUnderOneReleaseDirectory() {
    List<String> wanted = List.of("vr_main.tscn", "scripts/vr_setup.gd");
    List<BackupArchives.Holding> archives = BackupArchives.parse("""
        #archive\t/opt/spacetime/backups/production_pre_deploy_b.tar.gz
        vr_main.tscn\tproduction-v2.5.0/vr_main.tscn
        #archive\t/opt/spacetime/backups/production_pre_deploy_a.tar.gz
        vr_main.tscn\tproduction-v2.4.0/vr_main.tscn
        scripts/vr_setup.gd\t./production/scripts/vr_setup.gd
        scripts/vr_setup.gd\t-x/scripts/vr_setup.gd
        """, wanted);
    assertEquals(2, archives.size());
    assertEquals(Map.of("vr_main.tscn", "production-v2.5.0/vr_main.tscn"), archives.get(0).members());
    assertTrue(archives.get(1).holdsAll(wanted));
    assertEquals("./production/scripts/vr_setup.gd", archives.get(1).members().get("scripts/vr_setup.gd"),
        "the first member kept; one starting with - would read as a tar option");

    assertFalse(BackupArchives.safeMember("a/b/vr_main.tscn", "vr_main.tscn"), "one release directory deep only");
    assertFalse(BackupArchives.safeMember("../vr_main.tscn", "vr_main.tscn"));
    assertTrue(BackupArchives.safeMember("vr_main.tscn", "vr_main.tscn"));
  }

  @Test
  void aProcessIsTheServiceWhenItRunsFromAReleaseUnderTheDeployRoot() {
    String root = "/opt/spacetime";
    assertTrue(PortHolderFacts.isRelease("/opt/spacetime/production-v2.4.0", root, "production", "", ""));
    assertTrue(PortHolderFacts.isRelease("/opt/spacetime/production-v2.4.0/bin", root, "production", "", ""));
    assertTrue(PortHolderFacts.isRelease("/opt/spacetime/spacetime-2025-11", root, "production",
        "/opt/spacetime/spacetime-2025-11", ""), "a release made by hand, served by the link");
    assertFalse(PortHolderFacts.isRelease("/opt/spacetime", root, "production", "/opt/spacetime/production-v2.4.0", ""));
    assertFalse(PortHolderFacts.isRelease("/opt/spacetime/staging", root, "production", "", ""));
    assertFalse(PortHolderFacts.isRelease("/opt/spacetime-old/production-v1", root, "production", "", ""));
    assertFalse(PortHolderFacts.isRelease("/tmp", root, "production", "", ""));
  }

  @Test
  void retentionKeepsTheNewestOfEachKindByTheDateInTheName() {
    List<RetentionPlan.Archive> archives = IntStream.rangeClosed(1, 9)
        .mapToObj(day -> RetentionPlan.classify("production_2025120" + day + "_020000.tar.gz", 10).orElseThrow())
        .toList();
    RetentionPlan.Plan plan = RetentionPlan.plan(archives, new BackupRetention(3, 0, 0));
    assertEquals(List.of("production_20251209_020000.tar.gz", "production_20251208_020000.tar.gz",
        "production_20251207_020000.tar.gz"), plan.keep().stream().map(RetentionPlan.Archive::name).toList());
    assertEquals(6, plan.delete().size());
  }

  @Test
  void twoArchivesOfOneDayAreTwoDailiesAndTheLaterOneIsNewer() {
    var morning = RetentionPlan.classify("production_20251201_090000.tar.gz", 1).orElseThrow();
    var evening = RetentionPlan.classify("production_20251201_210000.tar.gz", 1).orElseThrow();
    RetentionPlan.Plan plan = RetentionPlan.plan(List.of(morning, evening), new BackupRetention(1, 0, 0));
    assertEquals(List.of(evening), plan.keep());
    assertEquals(List.of(morning), plan.delete());
  }

  @Test
  void onlyTheRunbooksNamesAreDatedAndEverythingElseIsKept() {
    assertEquals(RetentionPlan.Kind.WEEKLY, RetentionPlan.classify("production_weekly_20251103.tar.gz", 1).orElseThrow().kind());
    assertEquals(RetentionPlan.Kind.MONTHLY, RetentionPlan.classify("monthly-20251101-0200.tar.gz", 1).orElseThrow().kind());
    assertTrue(RetentionPlan.classify("production_pre_deploy_deploy-prod-20251201-ab12cd34.tar.gz", 1).isEmpty(),
        "a deployment's rollback point carries a run id, even one that looks like a date");
    assertTrue(RetentionPlan.classify("production_20251301_000000.tar.gz", 1).isEmpty(), "no month 13");
    assertTrue(RetentionPlan.classify("production_20251201_020000.tar.gz.partial", 1).isEmpty(), "a backup being written");
    assertTrue(RetentionPlan.classify("notes.txt", 1).isEmpty());
  }

  @Test
  void sizedLinesSkipWhatIsNotASizeAndHumanSizesRead() {
    assertEquals(List.of(new SizedPath("/opt/spacetime/logs", 2048), new SizedPath("/opt/a b", 1024)),
        SizedLines.parse("2\t/opt/spacetime/logs\ndu: cannot read x\n1\t/opt/a b\n", SizedLines.KIB));
    assertEquals("1.2 GB", SizedLines.human(1_288_490_189L));
    assertEquals("512 bytes", SizedLines.human(512));
  }
}
