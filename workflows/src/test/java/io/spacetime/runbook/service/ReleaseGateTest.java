package io.spacetime.runbook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseGateTest {

  static final ReleaseState AFTER_DEPLOY = new ReleaseState("api-1", "production-v2.5.0", "v2.5.0", "production-v2.4.0",
      List.of("production-v2.4.0", "production-v2.5.0"), List.of());

  @Test
  void theBackupLinkIsTheDefaultRollbackTarget() {
    String target = ReleaseGate.chooseTarget(AFTER_DEPLOY, "", "production");

    assertEquals("production-v2.4.0", target);
    assertEquals("api-1: production-v2.5.0 (v2.5.0) -> production-v2.4.0 (production.backup; no release history yet)",
        ReleaseGate.rollbackTarget(AFTER_DEPLOY, "", target).reason());
  }

  @Test
  void aNamedVersionIsFoundWithOrWithoutItsV() {
    assertEquals("production-v2.4.0", ReleaseGate.chooseTarget(AFTER_DEPLOY, "2.4.0", "production"));
  }

  @Test
  void refusesAVersionThatIsNotThere() {
    String target = ReleaseGate.chooseTarget(AFTER_DEPLOY, "v2.3.0", "production");

    assertEquals("release v2.3.0 is not on api-1 (serving production-v2.5.0 (v2.5.0)); available: production-v2.4.0,"
        + " production-v2.5.0",
        ReleaseGate.rollbackTarget(AFTER_DEPLOY, "v2.3.0", target).reason());
  }

  @Test
  void refusesWhenTheBackupIsWhatIsServed() {
    ReleaseState same = new ReleaseState("api-1", "production-v2.5.0", "v2.5.0", "production-v2.5.0", List.of(), List.of());

    assertEquals("nothing to roll back to on api-1: production-v2.5.0 (v2.5.0) serves now; no release history, and"
        + " production.backup points at the served release",
        ReleaseGate.rollbackTarget(same, "", ReleaseGate.chooseTarget(same, "", "production")).reason());
  }

  @Test
  void aHostServingNoReleaseCannotBeDeployedSafely() {
    ReleaseState none = new ReleaseState("api-1", "", "", "", List.of(), List.of());

    assertFalse(ReleaseGate.servesRelease(none).passed());
    assertTrue(ReleaseGate.servesRelease(AFTER_DEPLOY).passed());
  }

  @Test
  void theSwitchMustLandOnTheExpectedRelease() {
    assertTrue(ReleaseGate.switched(new ReleaseSwitch("api-1", "production-v2.4.0", "production-v2.5.0", false, List.of()),
        "production-v2.5.0").passed());
    assertFalse(ReleaseGate.switched(new ReleaseSwitch("api-1", "production-v2.4.0", "production-v2.4.0", true, List.of()),
        "production-v2.5.0").passed());
  }
}
