package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupGateTest {

  static final String ARCHIVE = "/opt/spacetime/backups/production_pre_deploy_run-1.tar.gz";

  @Test
  void passesWithOneVerifiedEntry() {
    GateResult gate = BackupGate.check(backup(true, 1));

    assertTrue(gate.passed(), gate.reason());
    assertEquals("backup " + ARCHIVE + " verified: 1 entries, 150.2 MB on api-1", gate.reason());
  }

  @Test
  void failsWhenEmpty() {
    GateResult gate = BackupGate.check(backup(true, 0));

    assertFalse(gate.passed());
    assertEquals("backup " + ARCHIVE + " on api-1 is empty (0 entries)", gate.reason());
  }

  @Test
  void failsWhenNotVerified() {
    assertEquals("backup " + ARCHIVE + " on api-1 could not be verified (listing the archive failed)",
        BackupGate.check(backup(false, 1234)).reason());
  }

  static BackupArchive backup(boolean verified, int entries) {
    return new BackupArchive("api-1", ARCHIVE, 150_200_000, entries, verified, List.of(), false, List.of());
  }
}
