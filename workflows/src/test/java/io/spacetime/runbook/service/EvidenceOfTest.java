package io.spacetime.runbook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceOfTest {

  @Test
  void serverResourcesShowTheCommandsAndWhatTheyMeasured() {
    Evidence e = EvidenceOf.resources(new ServerResources("api-1", "/opt/spacetime", 40.2, 18, 1.24, 8, true, List.of(
        new CommandEvidence("api-1", "df -Pk /opt/spacetime", 0, "/dev/sda1 ...", "", 12),
        new CommandEvidence("api-1", "cat /proc/loadavg", 0, "1.24 1.45 1.67", "", 3))));

    assertEquals("df -Pk /opt/spacetime ; cat /proc/loadavg", e.action());
    assertEquals("exit 0", e.result());
    assertEquals(15, e.durationMs());
    assertEquals(Map.of("disk free", "40.2 GB", "memory available", "18 GB", "load average (1 min)", "1.24",
        "cores", "8", "writable", "yes"), e.observed());
  }

  @Test
  void aLoadTestReportsEveryPercentile() {
    Evidence e = EvidenceOf.loadTest(new LoadTestReport("http://staging:18080/status", 50, 300, 15_000, 30, 99.8, 45, 120,
        250, 450, 0L), "api-1");

    assertEquals("15000 requests", e.result());
    assertEquals("120 ms", e.observed().get("95th percentile"));
    assertEquals("250 ms", e.observed().get("99th percentile"));
    assertEquals("99.8 %", e.observed().get("success rate"));
  }
}
