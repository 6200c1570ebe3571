package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagedReleaseGateTest {

  @Test
  void passesWhenVersionFileAndTagNameTheRelease() {
    GateResult gate = StagedReleaseGate.check(staged("v2.5.0", true, "v2.5.0", true), "v2.5.0");

    assertTrue(gate.passed(), gate.reason());
    assertEquals("staging/VERSION is v2.5.0 on api-1; git describe is v2.5.0 (commit abc123d); no uncommitted changes",
        gate.reason());
  }

  @Test
  void acceptsTheVersionWithOrWithoutItsV() {
    assertTrue(StagedReleaseGate.check(staged("2.5.0", true, "v2.5.0", true), "v2.5.0").passed());
    assertTrue(StagedReleaseGate.check(staged("v2.5.0", false, "", true), "2.5.0").passed());
  }

  @Test
  void failsOnAnotherVersion() {
    GateResult gate = StagedReleaseGate.check(staged("v2.5.1", false, "", true), "v2.5.0");

    assertFalse(gate.passed());
    assertEquals("staging/VERSION is v2.5.1 but v2.5.0 was requested on api-1", gate.reason());
  }

  @Test
  void failsWhenCommitsFollowTheTag() {
    GateResult gate = StagedReleaseGate.check(staged("v2.5.0", true, "v2.5.0-3-gabc123d", true), "v2.5.0");

    assertEquals("git describe is v2.5.0-3-gabc123d (commit abc123d), not v2.5.0 on api-1: check out the release tag",
        gate.reason());
  }

  @Test
  void failsOnADirtyCheckout() {
    GateResult gate = StagedReleaseGate.check(staged("v2.5.0", true, "v2.5.0", false), "v2.5.0");

    assertEquals("staging/ has uncommitted changes on api-1 (git status is not clean)", gate.reason());
  }

  @Test
  void failsWhenNothingIsStaged() {
    StagedRelease missing = new StagedRelease("api-1", false, "", false, "", "", false, List.of());

    assertEquals("no release in staging/ on api-1: stage v2.5.0 first", StagedReleaseGate.check(missing, "v2.5.0").reason());
  }

  static StagedRelease staged(String version, boolean git, String describe, boolean clean) {
    return new StagedRelease("api-1", true, version, git, describe, git ? "abc123d" : "", clean, List.of());
  }
}
