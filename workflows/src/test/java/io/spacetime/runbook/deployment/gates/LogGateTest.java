package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.LogScan;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogGateTest {

  static final String LOG = "/var/log/godot-spacetime/service.log";

  @Test
  void passesAtTheAllowedNumberOfLines() {
    GateResult gate = LogGate.check(scan(2, List.of("ERROR a", "ERROR b")), "ERROR", 2);

    assertTrue(gate.passed(), gate.reason());
    assertEquals("2 lines matching ERROR in " + LOG + " since byte 5096 on api-1 (at most 2 allowed)", gate.reason());
  }

  @Test
  void failsOneLineOverAndShowsTheFirst() {
    GateResult gate = LogGate.check(scan(1, List.of("10:41:07 ERROR [ResonanceEngine] subsystem crashed")), "ERROR", 0);

    assertFalse(gate.passed());
    assertEquals("1 lines matching ERROR in " + LOG + " since byte 5096 on api-1 (at most 0 allowed), first: "
        + "10:41:07 ERROR [ResonanceEngine] subsystem crashed", gate.reason());
  }

  static LogScan scan(int matches, List<String> sample) {
    return new LogScan("api-1", LOG, 5096, matches, sample, new CommandEvidence("api-1", "tail", 0, "", "", 1));
  }
}
