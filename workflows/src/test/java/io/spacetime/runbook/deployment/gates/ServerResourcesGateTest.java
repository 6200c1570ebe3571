package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.hosts.ServerResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerResourcesGateTest {

  static final Thresholds RUNBOOK = Thresholds.runbookDefaults();

  @Test
  void passesAtExactlyTheMinimums() {
    GateResult gate = ServerResourcesGate.check(resources(20.0, 8.0, 3.99, true), RUNBOOK);

    assertTrue(gate.passed(), gate.reason());
    assertEquals("disk free 20 GB >= 20 GB under /opt/spacetime on api-1; memory available 8 GB >= 8 GB on api-1; "
        + "load average 3.99 < 4 (0.5 x 8 cores) on api-1; /opt/spacetime is writable on api-1", gate.reason());
  }

  @Test
  void failsJustBelowTheDiskMinimumNamingOnlyWhatFailed() {
    GateResult gate = ServerResourcesGate.check(resources(19.9, 18.0, 1.0, true), RUNBOOK);

    assertFalse(gate.passed());
    assertEquals("disk free 19.9 GB < 20 GB required under /opt/spacetime on api-1", gate.reason());
  }

  @Test
  void failsJustBelowTheMemoryMinimum() {
    GateResult gate = ServerResourcesGate.check(resources(40.0, 7.99, 1.0, true), RUNBOOK);

    assertEquals("memory available 7.99 GB < 8 GB required on api-1", gate.reason());
  }

  @Test
  void failsWhenTheLoadReachesHalfTheCores() {
    GateResult gate = ServerResourcesGate.check(resources(40.0, 18.0, 4.0, true), RUNBOOK);

    assertEquals("load average 4 >= 4 (0.5 x 8 cores) allowed on api-1", gate.reason());
  }

  @Test
  void failsOnAReadOnlyFileSystem() {
    GateResult gate = ServerResourcesGate.check(resources(40.0, 18.0, 1.0, false), RUNBOOK);

    assertEquals("/opt/spacetime is not writable on api-1 (read-only file system or permissions)", gate.reason());
  }

  static ServerResources resources(double diskGb, double memoryGb, double load, boolean writable) {
    return new ServerResources("api-1", "/opt/spacetime", diskGb, memoryGb, load, 8, writable, List.of());
  }
}
