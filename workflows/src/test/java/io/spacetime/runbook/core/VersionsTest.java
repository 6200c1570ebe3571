package io.spacetime.runbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void aLeadingVNamesTheSameRelease() {
    assertTrue(Versions.sameRelease("v2.5.0", "2.5.0"));
    assertTrue(Versions.sameRelease("2.5.1-rc.1", "v2.5.1-rc.1"));
    assertFalse(Versions.sameRelease("v2.5.0", "v2.5.0-rc.1"));
    assertFalse(Versions.sameRelease("", ""));
  }

  @Test
  void comparesPartByPartAsNumbers() {
    assertEquals(0, Versions.compare("4.5", "4.5.0"));
    assertTrue(Versions.compare("3.11", "3.8") > 0);
    assertTrue(Versions.compare("4.5.0.stable", "4.5.1") < 0);
    assertTrue(Versions.compare("10.0", "9.9.9") > 0);
  }
}
