package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.DeploymentWindows;
import io.spacetime.runbook.environment.TimeWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentWindowTest {

  static final DeploymentWindows RUNBOOK = DeploymentWindows.runbookDefaults();

  @Test
  void opensAtTenOnTuesday() {
    GateResult gate = DeploymentWindow.check(at("2025-12-02T10:00:00Z"), RUNBOOK);

    assertTrue(gate.passed(), gate.reason());
    assertEquals("2025-12-02T10:00:00Z (Tuesday) is inside the standard window Tuesday/Thursday 10:00-12:00 UTC",
        gate.reason());
  }

  @Test
  void isOpenUntilJustBeforeNoonOnThursday() {
    assertTrue(DeploymentWindow.check(at("2025-12-04T11:59:59Z"), RUNBOOK).passed());
  }

  @Test
  void closesAtNoonAndNamesTheNextWindow() {
    GateResult gate = DeploymentWindow.check(at("2025-12-04T12:00:00Z"), RUNBOOK);

    assertFalse(gate.passed());
    assertEquals("2025-12-04T12:00:00Z (Thursday) is outside the standard windows (Tuesday/Thursday 10:00-12:00 UTC); "
        + "the next standard window starts 2025-12-09T10:00:00Z (Tuesday)", gate.reason());
  }

  @Test
  void refusesInsideTheBlackoutEvenOnADeploymentDay() {
    GateResult gate = DeploymentWindow.check(at("2025-12-02T18:00:00Z"), RUNBOOK);

    assertFalse(gate.passed());
    assertEquals("2025-12-02T18:00:00Z (Tuesday) is inside the blackout period every day 18:00-22:00 UTC; "
        + "the next standard window starts 2025-12-04T10:00:00Z (Thursday)", gate.reason());
  }

  @Test
  void blackoutEndsAtTen() {
    DeploymentWindows everyEvening = new DeploymentWindows(true, List.of(new TimeWindow(null, "17:00", "23:00")), null, null);

    assertFalse(DeploymentWindow.check(at("2025-12-02T21:59:00Z"), everyEvening).passed());
    assertTrue(DeploymentWindow.check(at("2025-12-02T22:00:00Z"), everyEvening).passed());
  }

  @Test
  void aWindowPastMidnightBelongsToTheDayItStarted() {
    DeploymentWindows fridayNight = new DeploymentWindows(true, List.of(new TimeWindow(List.of("FRIDAY"), "23:00", "02:00")),
        List.of(), null);

    assertTrue(DeploymentWindow.check(at("2025-12-06T01:30:00Z"), fridayNight).passed(), "Saturday 01:30");
    assertFalse(DeploymentWindow.check(at("2025-12-07T01:30:00Z"), fridayNight).passed(), "Sunday 01:30");
  }

  @Test
  void passesWhenNotEnforced() {
    DeploymentWindows anyTime = new DeploymentWindows(false, null, null, null);

    assertEquals("not enforced for this environment", DeploymentWindow.check(at("2025-12-02T19:00:00Z"), anyTime).reason());
  }

  @Test
  void refusesWhenAWindowCannotBeRead() {
    DeploymentWindows typo = new DeploymentWindows(true, List.of(new TimeWindow(List.of("TUESDAY"), "10", "12:00")), null, null);

    GateResult gate = DeploymentWindow.check(at("2025-12-02T10:30:00Z"), typo);

    assertFalse(gate.passed());
    assertTrue(gate.reason().startsWith("deploymentWindows cannot be read (times are HH:mm"), gate.reason());
  }

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
