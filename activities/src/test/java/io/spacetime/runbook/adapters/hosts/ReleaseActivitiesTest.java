package io.spacetime.runbook.adapters.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.DeployRoot;
import io.spacetime.runbook.adapters.testing.HostContexts;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseCopy;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.service.ConfigGate;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The release activities against a real deploy root, over real SSH (MINA). */
class ReleaseActivitiesTest {

  static final Map<String, String> RUNBOOK_PORTS =
      Map.of("API_PORT", "8080", "TELEMETRY_PORT", "8081", "DAP_PORT", "6006", "LSP_PORT", "6005");

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  @TempDir Path hostDir;
  DeployRoot root;
  Layout layout;
  HostTarget host;
  ReleaseActivitiesImpl releases;
  HostChecksImpl checks;

  @BeforeEach
  void deployRoot() throws IOException {
    root = DeployRoot.create(hostDir);
    layout = root.layout();
    host = ssh.target("api-1");
    releases = new ReleaseActivitiesImpl(ssh.connections());
    checks = new HostChecksImpl(ssh.connections());
  }

  @AfterEach
  void programsBack() throws IOException {
    ssh.server().restorePrograms();
  }

  @Test
  void backupArchivesTheCurrentReleaseAndCopiesItsConfig() throws Exception {
    BackupArchive backup = releases.backupCurrentRelease(HostContexts.of(host, layout), "20251202_101500");

    assertEquals(root.path("backups/production_pre_deploy_20251202_101500.tar.gz").toString(), backup.archive());
    assertFalse(backup.reused());
    assertTrue(backup.verified());
    assertEquals(4, backup.entries(), "production-v2.4.0/ and its three files");
    assertEquals(Files.size(Path.of(backup.archive())), backup.sizeBytes());
    assertEquals(List.of(root.path("backups/.env.20251202_101500").toString(),
        root.path("backups/project.godot.20251202_101500").toString()), backup.configCopies());
    assertEquals(DeployRoot.OLD_ENV, root.read("backups/.env.20251202_101500"));
    assertEquals(List.of(), leftovers("backups", ".partial"));
  }

  @Test
  void aSecondBackupWithTheSameIdReusesTheVerifiedArchive() throws Exception {
    BackupArchive first = releases.backupCurrentRelease(HostContexts.of(host, layout), "b1");
    root.write("production-v2.4.0/.env", "CHANGED=after the backup\n");
    BackupArchive second = releases.backupCurrentRelease(HostContexts.of(host, layout), "b1");

    assertTrue(second.reused());
    assertEquals(first.sizeBytes(), second.sizeBytes());
    assertEquals(first.entries(), second.entries());
    assertEquals(DeployRoot.OLD_ENV, root.read("backups/.env.b1"), "the first, pre-deployment copy is kept");
  }

  @Test
  void aHalfWrittenArchiveIsNotReused() throws Exception {
    root.write("backups/production_pre_deploy_b2.tar.gz", "not a gzip archive");
    BackupArchive backup = releases.backupCurrentRelease(HostContexts.of(host, layout), "b2");
    assertFalse(backup.reused());
    assertEquals(4, backup.entries());
  }

  @Test
  void backupWithoutAProductionLinkHasNothingToBackUp() throws Exception {
    Files.delete(root.path("production"));
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> releases.backupCurrentRelease(HostContexts.of(host, layout), "b3"));
    assertEquals("NothingToBackUp", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void aHostileBackupIdIsRejectedBeforeAnyCommand() {
    int sessions = ssh.server().sessions();
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> releases.backupCurrentRelease(HostContexts.of(host, layout), "x; touch /tmp/pwned"));
    assertEquals("InvalidInput", failure.getType());
    assertEquals(sessions, ssh.server().sessions());
  }

  @Test
  void copyReleaseSynchronisesStagingWithoutGitAndCanRunTwice() throws Exception {
    ReleaseCopy first = releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    root.write("production-v2.5.0/stray.txt", "not in staging");
    ReleaseCopy second = releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");

    assertEquals("production-v2.5.0", first.releaseDir());
    assertEquals(3, first.files());
    assertEquals(3, second.files());
    assertEquals("v2.5.0\n", root.read("production-v2.5.0/VERSION"));
    assertFalse(Files.exists(root.path("production-v2.5.0/.git")));
    assertFalse(Files.exists(root.path("production-v2.5.0/stray.txt")), "--delete");
    assertTrue(first.commands().get(0).command().contains("rsync"));
  }

  @Test
  void copyReleaseFallsBackToCpWithoutRsync() throws Exception {
    ssh.server().hidePrograms("rsync");
    ReleaseCopy copy = releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");

    assertEquals(3, copy.files());
    assertEquals("v2.5.0\n", root.read("production-v2.5.0/VERSION"));
    assertFalse(Files.exists(root.path("production-v2.5.0/.git")));
    assertFalse(Files.exists(root.path("production-v2.5.0.partial")));
  }

  @Test
  void aHostileVersionIsRejectedBeforeAnyCommandReachesTheHost() {
    int sessions = ssh.server().sessions();
    List<String> commands = ssh.server().commands();
    for (String version : List.of("v1.0.0;touch pwned", "$(touch pwned)", "../../etc", "v1.0.0\ntouch pwned", "")) {
      ApplicationFailure failure = assertThrows(ApplicationFailure.class,
          () -> releases.copyRelease(HostContexts.of(host, layout), version, "production-" + version));
      assertEquals("InvalidInput", failure.getType());
      assertTrue(failure.isNonRetryable());
    }
    assertEquals(sessions, ssh.server().sessions());
    assertEquals(commands, ssh.server().commands());
  }

  @Test
  void copyReleaseWithoutStagingSaysSo() throws Exception {
    Files.move(root.path("staging"), root.path("staging-elsewhere"));
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0"));
    assertEquals("StagingMissing", failure.getType());
  }

  @Test
  void switchReleaseMovesTheLinkAtomicallyAndRecordsTheBackupLink() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    ReleaseSwitch first = releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));

    assertFalse(first.alreadyInPlace());
    assertEquals("production-v2.4.0", first.fromDir());
    assertEquals("production-v2.5.0", root.linkTarget("production"), "a relative link, like the runbook's");
    assertEquals("production-v2.4.0", root.linkTarget("production.backup"));
    assertEquals(List.of(), leftovers(".", ".tmp-"));
  }

  @Test
  void aSecondSwitchFindsTheLinkInPlaceAndChangesNothing() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));
    ReleaseSwitch second = releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));

    assertTrue(second.alreadyInPlace());
    assertEquals("production-v2.5.0", root.linkTarget("production"));
    assertEquals("production-v2.4.0", root.linkTarget("production.backup"));
    assertEquals(1, historyLines().size(), "a retried switch records the move once: " + historyLines());
  }

  @Test
  void switchingBackRestoresThePreviousRelease() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));
    ReleaseSwitch back = releases.switchRelease(HostContexts.of(host, layout), rollback("production-v2.4.0", "production-v2.5.0"));

    assertEquals("production-v2.5.0", back.fromDir());
    assertEquals("production-v2.4.0", root.linkTarget("production"));
  }

  @Test
  void restoreReleasePutsBothLinksBackAsTheyWereBeforeTheDeployment() throws Exception {
    Files.createSymbolicLink(root.path("production.backup"), Path.of("production-v2.4.0"));
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));

    ReleaseSwitch restored = releases.restoreRelease(HostContexts.of(host, layout), undo("production-v2.4.0"));
    ReleaseSwitch again = releases.restoreRelease(HostContexts.of(host, layout), undo("production-v2.4.0"));

    assertEquals("production-v2.5.0", restored.fromDir());
    assertEquals("production-v2.4.0", root.linkTarget("production"));
    assertEquals("production-v2.4.0", root.linkTarget("production.backup"), "not the failed release");
    assertTrue(again.alreadyInPlace());
    assertEquals(List.of(), leftovers(".", ".tmp-"));
  }

  @Test
  void restoreReleaseRemovesABackupLinkThatDidNotExistBefore() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));

    releases.restoreRelease(HostContexts.of(host, layout), undoWithoutBackup("production-v2.4.0"));

    assertEquals("production-v2.4.0", root.linkTarget("production"));
    assertFalse(Files.exists(root.path("production.backup"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void afterAManualRunbookRollbackTheLinkChainIsFollowed() throws Exception {
    // The runbook's emergency rollback: "ln -sfn production.backup production", a link to a link.
    Files.createSymbolicLink(root.path("production.backup"), Path.of("production-v2.4.0"));
    Files.delete(root.path("production"));
    Files.createSymbolicLink(root.path("production"), Path.of("production.backup"));
    assertEquals("production-v2.4.0", checks.inspectRelease(HostContexts.of(host, layout)).currentDir());

    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    ReleaseSwitch switched = releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));

    assertEquals("production-v2.4.0", switched.fromDir());
    assertEquals("production-v2.4.0", root.linkTarget("production.backup"), "a link to the directory, not a loop");
    assertEquals("production-v2.5.0", root.linkTarget("production"));
  }

  @Test
  void switchingToAMissingReleaseFails() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> releases.switchRelease(HostContexts.of(host, layout), deploy("production-v9.9.9")));
    assertEquals("ReleaseMissing", failure.getType());
    assertTrue(failure.isNonRetryable());
    int sessions = ssh.server().sessions();
    ApplicationFailure malformed = assertThrows(ApplicationFailure.class,
        () -> releases.switchRelease(HostContexts.of(host, layout), deploy("../production-v2.4.0")));
    assertEquals("InvalidInput", malformed.getType());
    assertEquals(sessions, ssh.server().sessions());
  }

  @Test
  void installConfigCopiesTheSourceKeepsTheFirstBeforeInstallCopyAndReadsPortsBack() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    root.write("production-v2.5.0/.env", DeployRoot.OLD_ENV);
    ConfigInstall first = releases.installConfig(HostContexts.of(host, layout), "production-v2.5.0");
    ConfigInstall second = releases.installConfig(HostContexts.of(host, layout), "production-v2.5.0");

    assertEquals(root.path("production-v2.5.0/.env").toString(), first.target());
    assertEquals(RUNBOOK_PORTS, first.ports());
    assertEquals(RUNBOOK_PORTS, second.ports());
    assertEquals(DeployRoot.CONFIG_SOURCE, root.read("production-v2.5.0/.env"));
    assertEquals(DeployRoot.OLD_ENV, root.read("production-v2.5.0/.env.before-install"));
    assertFalse(first.commands().get(0).stdoutTail().contains("s3cret"), "only port lines are printed");
  }

  @Test
  void installConfigLeavesTheSecretsReadableByTheServiceUserOnlyAndReadsTheAutoloadSection() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    Files.setPosixFilePermissions(root.path("config/production/.env"), PosixFilePermissions.fromString("rw-r--r--"));
    ConfigInstall without = releases.installConfig(HostContexts.of(host, layout), "production-v2.5.0");
    assertEquals("600", without.envMode());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.path("production-v2.5.0/.env"))));
    assertEquals(Boolean.FALSE, without.autoloadSection(), "the staged project.godot has no [autoload] section");
    assertFalse(ConfigGate.autoload(without).passed());
    assertTrue(ConfigGate.secured(without).passed());

    root.write("production-v2.5.0/project.godot", "[application]\nconfig/name=\"SpaceTime\"\n\n[autoload]\n"
        + "GodotBridge=\"*res://addons/godot_debug_connection/godot_bridge.gd\"\n");
    ConfigInstall with = releases.installConfig(HostContexts.of(host, layout), "production-v2.5.0");
    assertEquals(Boolean.TRUE, with.autoloadSection());
    assertTrue(ConfigGate.autoload(with).passed());
  }

  @Test
  void installConfigWithoutItsSourceSaysWhichFile() throws Exception {
    Files.delete(root.path("config/production/.env"));
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> releases.installConfig(HostContexts.of(host, layout), "production-v2.4.0"));
    assertEquals("ConfigSourceMissing", failure.getType());
    assertTrue(failure.getOriginalMessage().contains(root.path("config/production/.env").toString()));
  }

  @Test
  void restoreConfigPutsTheBackedUpFilesBack() throws Exception {
    releases.backupCurrentRelease(HostContexts.of(host, layout), "b4");
    releases.installConfig(HostContexts.of(host, layout), "production-v2.4.0");
    root.write("production-v2.4.0/project.godot", "broken");
    ConfigInstall restored = releases.restoreConfig(HostContexts.of(host, layout), "production-v2.4.0", "b4");
    releases.restoreConfig(HostContexts.of(host, layout), "production-v2.4.0", "b4");

    assertEquals(DeployRoot.OLD_ENV, root.read("production-v2.4.0/.env"));
    assertEquals("[application]\nconfig/name=\"SpaceTime 2.4\"\n", root.read("production-v2.4.0/project.godot"));
    assertEquals(Map.of("API_PORT", "9080", "TELEMETRY_PORT", "9081", "DAP_PORT", "7006", "LSP_PORT", "7005"),
        restored.ports());
  }

  @Test
  void restoreConfigWithoutABackupFails() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> releases.restoreConfig(HostContexts.of(host, layout), "production-v2.4.0", "never-made"));
    assertEquals("BackupMissing", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void inspectReleaseReportsTheLinksAndReleases() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));
    ReleaseState state = checks.inspectRelease(HostContexts.of(host, layout));

    assertEquals("production-v2.5.0", state.currentDir());
    assertEquals("v2.5.0", state.currentVersion());
    assertEquals("production-v2.4.0", state.backupDir());
    assertEquals(List.of("production-v2.4.0", "production-v2.5.0"), state.releaseDirs());
  }

  @Test
  void inspectReleaseOnAFreshHostFindsNoLinks() throws Exception {
    Files.delete(root.path("production"));
    ReleaseState state = checks.inspectRelease(HostContexts.of(host, layout));
    assertEquals("", state.currentDir());
    assertEquals("", state.currentVersion());
    assertEquals("", state.backupDir());
  }

  @Test
  void everyMoveOfTheLinkIsInTheHistoryWithItsRun() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), deploy("production-v2.5.0"));
    releases.restoreRelease(HostContexts.of(host, layout), undo("production-v2.4.0"));

    ReleaseState state = checks.inspectRelease(HostContexts.of(host, layout));

    assertEquals(2, state.history().size(), historyLines().toString());
    ReleaseEvent deployed = state.history().get(0);
    assertEquals(ReleaseEvent.Kind.DEPLOY, deployed.kind());
    assertEquals("production-v2.5.0", deployed.toDir());
    assertEquals("production-v2.4.0", deployed.fromDir());
    assertEquals("v2.5.0", deployed.version());
    assertEquals("deploy-sandbox-1", deployed.workflowId());
    assertEquals("run-1", deployed.runId());
    assertTrue(deployed.time().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), deployed.time());
    assertEquals(ReleaseEvent.Kind.UNDO, state.history().get(1).kind());
    assertEquals("production-v2.5.0", state.history().get(1).fromDir());
  }

  @Test
  void aWorkflowIdWithTabsAndNewlinesCannotBreakTheHistory() throws Exception {
    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), new ReleaseChange("production-v2.5.0", "production-v2.4.0", "production-v2.4.0",
        "v2.5.0", ReleaseEvent.Kind.DEPLOY, "evil\tid\nrollback\tproduction-v1.0.0", "run-1"));

    assertEquals(1, historyLines().size());
    assertEquals("evil_id_rollback_production-v1.0.0", checks.inspectRelease(HostContexts.of(host, layout)).history().get(0).workflowId());
  }

  @Test
  void copyNeverWritesIntoTheServedReleaseNorTheRollbackTarget() throws Exception {
    Files.createSymbolicLink(root.path("production.backup"), Path.of("production-v2.3.0"));
    root.write("production-v2.3.0/VERSION", "v2.3.0\n");
    String servedBefore = root.read("production-v2.4.0/VERSION");

    for (String dir : List.of("production-v2.4.0", "production-v2.3.0")) {
      ApplicationFailure failure = assertThrows(ApplicationFailure.class,
          () -> releases.copyRelease(HostContexts.of(host, layout), dir.substring("production-".length()), dir));
      assertEquals("ReleaseInUse", failure.getType(), dir);
      assertTrue(failure.isNonRetryable());
    }
    assertEquals(servedBefore, root.read("production-v2.4.0/VERSION"), "the served release is untouched");
    assertEquals("v2.3.0\n", root.read("production-v2.3.0/VERSION"));
  }

  @Test
  void aRebuildOfTheServedVersionGoesIntoADirectoryOfItsOwn() throws Exception {
    ReleaseCopy copy = releases.copyRelease(HostContexts.of(host, layout), "v2.4.0", "production-v2.4.0+2");
    releases.switchRelease(HostContexts.of(host, layout), new ReleaseChange("production-v2.4.0+2", "production-v2.4.0",
        "production-v2.4.0", "v2.4.0", ReleaseEvent.Kind.DEPLOY, "deploy-sandbox-1", "run-1"));

    assertEquals("production-v2.4.0+2", copy.releaseDir());
    assertEquals("production-v2.4.0+2", root.linkTarget("production"));
    assertEquals("v2.5.0\n", root.read("production-v2.4.0+2/VERSION"), "staging's content");
    ApplicationFailure notOurs = assertThrows(ApplicationFailure.class,
        () -> releases.copyRelease(HostContexts.of(host, layout), "v2.4.0", "production-v2.5.0"));
    assertEquals("InvalidInput", notOurs.getType(), "a copy of v2.4.0 goes only into a directory for v2.4.0");
  }

  @Test
  void aReleaseWithoutConfigIsBackedUpAsSuchAndRestoredWithout() throws Exception {
    Files.delete(root.path("production-v2.4.0/.env"));
    BackupArchive backup = releases.backupCurrentRelease(HostContexts.of(host, layout), "b5");
    root.write("production-v2.4.0/.env", "WRITTEN=by a later step\n");

    releases.restoreConfig(HostContexts.of(host, layout), "production-v2.4.0", "b5");

    assertEquals(List.of(".env"), backup.configAbsent());
    assertEquals(List.of(root.path("backups/project.godot.b5").toString()), backup.configCopies());
    assertFalse(Files.exists(root.path("production-v2.4.0/.env")), "restored as it was: without a .env");
  }

  @Test
  void aReleaseOfAnyNameCanBeServedInspectedAndRestored() throws Exception {
    Files.move(root.path("production-v2.4.0"), root.path("spacetime-2025-11"));
    Files.delete(root.path("production"));
    Files.createSymbolicLink(root.path("production"), Path.of("spacetime-2025-11"));

    ReleaseState state = checks.inspectRelease(HostContexts.of(host, layout));
    assertEquals("spacetime-2025-11", state.currentDir());
    assertEquals("v2.4.0", state.currentVersion(), "from its VERSION file");

    releases.copyRelease(HostContexts.of(host, layout), "v2.5.0", "production-v2.5.0");
    releases.switchRelease(HostContexts.of(host, layout), new ReleaseChange("production-v2.5.0", "spacetime-2025-11",
        "spacetime-2025-11", "v2.5.0", ReleaseEvent.Kind.DEPLOY, "deploy-sandbox-1", "run-1"));
    releases.restoreRelease(HostContexts.of(host, layout), new ReleaseChange("spacetime-2025-11", "production-v2.5.0", "",
        "v2.4.0", ReleaseEvent.Kind.UNDO, "deploy-sandbox-1", "run-1"));
    assertEquals("spacetime-2025-11", root.linkTarget("production"));
  }

  private static ReleaseChange deploy(String toDir) {
    return new ReleaseChange(toDir, "production-v2.4.0", "production-v2.4.0", "v2.5.0", ReleaseEvent.Kind.DEPLOY,
        "deploy-sandbox-1", "run-1");
  }

  private static ReleaseChange rollback(String toDir, String fromDir) {
    return new ReleaseChange(toDir, fromDir, "", "v2.4.0", ReleaseEvent.Kind.ROLLBACK, "rollback-sandbox-1", "run-2");
  }

  private static ReleaseChange undo(String toDir) {
    return new ReleaseChange(toDir, "production-v2.5.0", "production-v2.4.0", "v2.4.0", ReleaseEvent.Kind.UNDO,
        "deploy-sandbox-1", "run-1");
  }

  private static ReleaseChange undoWithoutBackup(String toDir) {
    return new ReleaseChange(toDir, "production-v2.5.0", "", "v2.4.0", ReleaseEvent.Kind.UNDO, "deploy-sandbox-1",
        "run-1");
  }

  private List<String> historyLines() throws IOException {
    Path history = root.path("release-history.tsv");
    return Files.exists(history) ? Files.readAllLines(history) : List.of();
  }

  private List<String> leftovers(String dir, String marker) throws IOException {
    try (Stream<Path> files = Files.list(root.path(dir))) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(marker)).toList();
    }
  }
}
