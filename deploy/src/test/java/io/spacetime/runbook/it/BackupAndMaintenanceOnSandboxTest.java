package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.document.StepApproval;
import io.spacetime.runbook.e2e.Await;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped backup and maintenance documents (issue 13 sections 2 and 5) run for real on a two-host
 * sandbox: host 1 is backed up, host 2 is the environment's "staging" group and is restored to, with
 * the backups in a directory both hosts share (a real fleet's shared backup mount). What each run did
 * is read from the hosts and the backup directory, not only from the run's result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupAndMaintenanceOnSandboxTest {

  static final List<String> DOCUMENTS = List.of("backup", "backup-verify", "backup-retention", "backup-restore-test",
      "dr-drill", "certificate-expiry", "log-rotation", "planned-maintenance");

  final SandboxTestbed bed;
  final SandboxHost host1;
  final SandboxHost host2;
  final Path work;

  BackupAndMaintenanceOnSandboxTest() throws Exception {
    work = Files.createTempDirectory("runbook-backup-");
    bed = SandboxTestbed.start(work, 2, false, 91);
    host1 = bed.sandbox.hosts().get(0);
    host2 = bed.sandbox.hosts().get(1);
    stagingGroup(bed.sandbox.environmentFile(), host2.name());
    for (String name : DOCUMENTS) {
      Files.copy(Path.of("..", "runbooks", name + ".yaml"), bed.documents.resolve(name + ".yaml"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @AfterAll
  void stopSandbox() {
    bed.close();
  }

  /** host 2 is the staging host the restore test and the DR drill restore onto. */
  static void stagingGroup(Path environmentFile, String host) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(environmentFile.toFile());
    env.putObject("groups").putArray("staging").add(host);
    yaml.writeValue(environmentFile.toFile(), env);
  }

  @Test
  void aFullAndAnIncrementalBackupRestoreOnStagingWithinTheRtoAndServe() throws Exception {
    Path backups = Files.createDirectories(work.resolve("backups-restore"));
    RunbookResult full = run("backup", Map.of("kind", "full", "backupDir", backups.toString()));
    assertThat(full.outcome()).as(full.report()).isEqualTo(Outcome.SUCCEEDED);
    // A change after the full backup reaches the staging host only through the incremental one.
    Path release = host1.deployRoot().resolve("production").toRealPath();
    Files.writeString(release.resolve("restore-probe.txt"), "after the full backup\n");
    RunbookResult incremental = run("backup", Map.of("kind", "incremental", "backupDir", backups.toString()));
    assertThat(incremental.outcome()).as(incremental.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(archives(backups, ".tar.gz")).hasSize(2).allMatch(a -> Files.exists(Path.of(a + ".verified")));

    String restoreId = start("backup-restore-test", Map.of("backupDir", backups.toString()));
    RunbookResult restore = client().documentResultAsync(restoreId).get(4, TimeUnit.MINUTES);

    assertThat(restore.outcome()).as(restore.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(step(restore, "RTO").status()).isEqualTo(StepStatus.PASSED);
    assertThat(restore.message()).as("the RTO is measured and in the result").containsPattern(
        "measured: RTO [0-9]+ s \\(at most 900 s\\)");
    assertThat(client().report(restoreId)).as("and in the report").containsPattern(
        "[0-9]+ s since step Restore began <= 900 s allowed").containsPattern("[0-9]+ s on " + host2.name()
        + " within <= 3600 s");
    Path restored = host2.deployRoot().resolve("production").toRealPath();
    assertThat(restored.getFileName().toString()).startsWith("production-restored-");
    assertThat(restored.resolve("restore-probe.txt")).as("the incremental was applied over the full")
        .hasContent("after the full backup");
    assertThat(bed.sandbox.status(host2).overallReady()).as("the restored release serves /status on staging").isTrue();
    assertThat(host1.deployRoot().resolve("production").toRealPath()).as("the backed-up host is untouched")
        .isEqualTo(release);
  }

  @Test
  void aCorruptedBackupFailsVerificationRaisesBackupFailedAndOpensAnIncident() throws Exception {
    Path backups = Files.createDirectories(work.resolve("backups-corrupt"));
    assertThat(run("backup", Map.of("kind", "full", "backupDir", backups.toString())).outcome())
        .isEqualTo(Outcome.SUCCEEDED);
    String archive = archives(backups, ".tar.gz").get(0);
    try (RandomAccessFile file = new RandomAccessFile(archive, "rw")) {
      file.seek(file.length() / 2);
      file.write(new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
    }

    RunbookResult verify = run("backup-verify", Map.of("backupDir", backups.toString()));

    assertThat(verify.outcome()).as(verify.report()).isEqualTo(Outcome.ABORTED);
    assertThat(verify.message()).contains("NOT verified", "alert BACKUP_FAILED sent", "incident incident-it-disk-space");
    assertThat(Path.of(archive + ".verified")).as("a failed archive is no longer counted as verified").doesNotExist();
    assertThat(verify.steps()).anyMatch(s -> s.label().startsWith("verify Alert BACKUP_FAILED")
        && s.status() == StepStatus.PASSED);
    bed.client().newUntypedWorkflowStub("incident-it-disk-space").terminate("test over: the backup incident was opened");
  }

  @Test
  void retentionKeepsSevenDailyFourWeeklyThreeMonthlyAndTheNewestVerified() throws Exception {
    Path backups = Files.createDirectories(work.resolve("backups-retention"));
    for (int day = 1; day <= 9; day++) {
      fakeArchive(backups, "202601%02d_020000_full".formatted(day), false);
    }
    for (int week = 1; week <= 6; week++) {
      fakeArchive(backups, "2025%02d01_030000_weekly".formatted(week), week == 1);
    }
    fakeArchive(backups, "20240101_040000_monthly", false);

    RunbookResult first = run("backup-retention", Map.of("backupDir", backups.toString()));
    String secondId = start("backup-retention", Map.of("backupDir", backups.toString()));
    RunbookResult second = client().documentResultAsync(secondId).get(4, TimeUnit.MINUTES);

    assertThat(first.outcome()).as(first.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(names(backups)).containsExactlyInAnyOrder("production_20240101_040000_monthly.tar.gz",
        "production_20250101_030000_weekly.tar.gz", "production_20250301_030000_weekly.tar.gz",
        "production_20250401_030000_weekly.tar.gz", "production_20250501_030000_weekly.tar.gz",
        "production_20250601_030000_weekly.tar.gz", "production_20260103_020000_full.tar.gz",
        "production_20260104_020000_full.tar.gz", "production_20260105_020000_full.tar.gz",
        "production_20260106_020000_full.tar.gz", "production_20260107_020000_full.tar.gz",
        "production_20260108_020000_full.tar.gz", "production_20260109_020000_full.tar.gz");
    assertThat(second.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(client().report(secondId)).as("idempotent: nothing more to delete").contains("deleted 0;");
  }

  @Test
  void aCertificateExpiringInTenDaysRaisesCertificateExpiringAndNinetyDaysPass() throws Exception {
    Path soon = certificate("soon", 10);
    Path later = certificate("later", 90);

    RunbookResult expiring = run("certificate-expiry", Map.of("certFile", soon.toString()));
    String validId = start("certificate-expiry", Map.of("certFile", later.toString()));
    RunbookResult valid = client().documentResultAsync(validId).get(4, TimeUnit.MINUTES);

    assertThat(expiring.outcome()).as(expiring.report()).isEqualTo(Outcome.ABORTED);
    assertThat(expiring.message()).contains("days on " + host1.name() + " < 30 days required",
        "alert CERTIFICATE_EXPIRING sent");
    assertThat(valid.outcome()).as(valid.report()).isEqualTo(Outcome.SUCCEEDED);
    // Whole days, rounded down: 89 or 90 depending on where openssl's notAfter falls within the second.
    assertThat(client().report(validId)).containsPattern("(89|90) days on " + host2.name() + " within >= 30 days");
  }

  @Test
  void logRotationCompressesAnOldLogAndLeavesANewOne() throws Exception {
    Path logs = host1.deployRoot().resolve("logs");
    Path old = logs.resolve("api-old.log");
    Path recent = logs.resolve("api-new.log");
    Files.writeString(old, "ERROR from last month\n");
    Files.writeString(recent, "INFO today\n");
    Instant eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS);
    Files.setLastModifiedTime(old, FileTime.from(eightDaysAgo));
    FileTime age = Files.getLastModifiedTime(old);

    RunbookResult first = run("log-rotation", Map.of());
    RunbookResult again = run("log-rotation", Map.of());

    assertThat(first.outcome()).as(first.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(old).doesNotExist();
    Path archive = logs.resolve("api-old.log.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ERROR from last month\n");
    }
    assertThat(Files.getLastModifiedTime(archive)).as("its age is kept").isEqualTo(age);
    assertThat(recent).hasContent("INFO today\n");
    assertThat(again.outcome()).isEqualTo(Outcome.SUCCEEDED);
    try (Stream<Path> files = Files.list(logs)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gz")))
          .as("nothing more to compress the second time").containsExactly("api-old.log.gz");
    }
  }

  @Test
  void plannedMaintenanceTurnsMaintenanceModeOffWhenALaterStepFails() throws Exception {
    String start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    String id = start("planned-maintenance", Map.of("startAt", start, "reason", "kernel patch"));

    Await.condition("maintenance mode on every host", Duration.ofMinutes(2), () -> bed.sandbox.hosts().stream()
        .allMatch(h -> Files.exists(h.deployRoot().resolve("MAINTENANCE"))));
    assertThat(host1.deployRoot().resolve("MAINTENANCE")).hasContent("kernel patch");
    Await.until("the approval to be asked for", Duration.ofMinutes(1), () -> {
      try {
        return Optional.of(client().approveStep(id, new StepApproval(StepApproval.REJECT, "dana",
            "the patch broke the build")));
      } catch (RuntimeException notYet) {
        return Optional.empty();
      }
    });
    RunbookResult result = client().documentResultAsync(id).get(3, TimeUnit.MINUTES);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.message()).contains("rejected by dana");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(host.deployRoot().resolve("MAINTENANCE")).as("maintenance mode off again on " + host.name())
          .doesNotExist();
    }
    assertThat(step(result, "T-24h notice").status()).isEqualTo(StepStatus.PASSED);
    assertThat(client().report(id)).contains("no wait: " + Instant.parse(start).minus(24, ChronoUnit.HOURS) + " has passed");
  }

  private String start(String document, Map<String, String> parameters) {
    return client().startDocument(new RunbookRequest(document, bed.sandbox.environmentName(), parameters));
  }

  private RunbookResult run(String document, Map<String, String> parameters) throws Exception {
    return client().documentResultAsync(start(document, parameters)).get(4, TimeUnit.MINUTES);
  }

  private static StepResult step(RunbookResult result, String id) {
    return result.steps().stream().filter(s -> s.id().equals(id) && s.status() != StepStatus.COMPENSATED)
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no step " + id + " in\n" + result.report()));
  }

  private static List<String> archives(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Path::toString).filter(n -> n.endsWith(suffix)).sorted().toList();
    }
  }

  private static List<String> names(Path dir) throws IOException {
    return archives(dir, ".tar.gz").stream().map(n -> Path.of(n).getFileName().toString()).toList();
  }

  private static void fakeArchive(Path dir, String stampAndKind, boolean verified) throws IOException {
    Path archive = dir.resolve("production_" + stampAndKind + ".tar.gz");
    Files.writeString(archive, "archive");
    Files.writeString(Path.of(archive + ".sha256"), "0  " + archive.getFileName() + "\n");
    if (verified) {
      Files.writeString(Path.of(archive + ".verified"), "2026-01-01T00:00:00Z\n");
    }
  }

  /** A self-signed certificate valid for {@code days} from now, made by openssl. */
  private Path certificate(String name, int days) throws Exception {
    Path cert = work.resolve(name + ".crt");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", String.valueOf(days), "-subj", "/CN=spacetime-api",
        "-keyout", work.resolve(name + ".key").toString(), "-out", cert.toString())
        .redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor()).as(output).isZero();
    return cert;
  }

  private RunbookClient client() {
    return new RunbookClient(bed.client(), SandboxTestbed.TASK_QUEUE, Clock.systemUTC());
  }
}
