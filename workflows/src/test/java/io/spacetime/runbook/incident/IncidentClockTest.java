package io.spacetime.runbook.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.incident.TimelineEvent.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incident's clocks in skipped time: the runbook's "Escalate Automatically At" table, the
 * initial response targets, the status update cadence, and what acknowledgement, resolution and a
 * severity change do to them.
 */
class IncidentClockTest {

  final FakeIncidentWorld world = new FakeIncidentWorld();
  @RegisterExtension final IncidentTestbed testbed = new IncidentTestbed(world);

  static IncidentRequest unresponsive(String severity) {
    return new IncidentRequest("api-unresponsive", "sandbox", "status times out", severity, "test", "", Map.of(), List.of());
  }

  /** Minutes after the start at which the timeline recorded {@code kind}, with the text's start. */
  List<String> at(IncidentWorkflow run, Kind kind) {
    return run.timeline().stream().filter(e -> e.kind() == kind)
        .map(e -> (e.at() - IncidentTestbed.START.toEpochMilli()) / 60_000 + " min " + e.text().replaceFirst(":.*", ""))
        .toList();
  }

  @Test
  void unacknowledgedP0PagesAtOnceThenEscalatesByTheResponseTargetAndTheTable() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(unresponsive("P0"));
    testbed.sleep(Duration.ofMinutes(31));
    assertTrue(world.pages.get(0).startsWith("trigger On-Call Engineer (olivia)"), world.pages.toString());
    assertEquals(List.of("5 min Escalated to Senior Engineer (sam)", "15 min Escalated to Engineering Manager (maria)",
        "30 min Escalated to Director of Engineering (dan)"), at(run, Kind.ESCALATED));
  }

  @Test
  void acknowledgementStopsTheResponseEscalationButNotTheTable() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(unresponsive("P0"));
    testbed.sleep(Duration.ofMinutes(3));
    run.acknowledge(new Acknowledgement("olivia"));
    testbed.sleep(Duration.ofMinutes(28));
    assertEquals(List.of("15 min Escalated to Engineering Manager (maria)", "30 min Escalated to Director of Engineering (dan)"),
        at(run, Kind.ESCALATED));
    assertTrue(world.pages.stream().anyMatch(p -> p.startsWith("acknowledge")), world.pages.toString());
  }

  @Test
  void resolutionStopsEveryTimerBeforeItFires() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(unresponsive("P1"));
    testbed.sleep(Duration.ofMinutes(10));
    run.acknowledge(new Acknowledgement("olivia"));
    run.resolve(new Resolution("olivia", "restarted the service", "the service had crashed"));
    testbed.sleep(Duration.ofMinutes(25));
    assertEquals(List.of(), at(run, Kind.ESCALATED), "P1's senior escalation at 30 min never fires after resolution");
    assertEquals(List.of(), at(run, Kind.STATUS_UPDATE), "nor does the 30-minute status update");
    assertTrue(world.notices.stream().anyMatch(n -> n.startsWith("RESOLVED: ")), world.notices.toString());
    assertTrue(world.pages.stream().anyMatch(p -> p.startsWith("resolve")), world.pages.toString());
  }

  @Test
  void statusUpdatesGoOutAtTheSeverityCadenceUntilResolved() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(unresponsive("P1"));
    testbed.sleep(Duration.ofMinutes(2));
    run.acknowledge(new Acknowledgement("olivia"));
    testbed.sleep(Duration.ofMinutes(93));
    assertEquals(List.of("30 min Status update", "60 min Status update", "90 min Status update"), at(run, Kind.STATUS_UPDATE));
    assertEquals(3, world.notices.stream().filter(n -> n.startsWith("UPDATE: ")).count());
  }

  @Test
  void raisingTheSeverityPlansEveryTimerAgain() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(unresponsive("P2"));
    testbed.sleep(Duration.ofMinutes(10));
    run.acknowledge(new Acknowledgement("olivia"));
    testbed.sleep(Duration.ofMinutes(10));
    IncidentState raised = run.setSeverity(new SeverityChange("P0", "olivia", "all endpoints down"));
    assertEquals("P0", raised.severity());
    testbed.sleep(Duration.ofMinutes(11));
    assertEquals(List.of("20 min Escalated to Senior Engineer (sam)", "20 min Escalated to Engineering Manager (maria)",
        "30 min Escalated to Director of Engineering (dan)"), at(run, Kind.ESCALATED),
        "the raise escalates at once, P0's 15-minute manager step is already due, its 30-minute director step follows");
    assertTrue(world.pages.stream().anyMatch(p -> p.startsWith("trigger On-Call Engineer")), "P0 pages on-call");
  }

  @Test
  void theStateQueryNamesTheNextEscalation() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(unresponsive("P1"));
    testbed.sleep(Duration.ofMinutes(1));
    IncidentState state = run.state();
    assertEquals(state.startedAt() + Duration.ofMinutes(15).toMillis(), state.nextEscalationAt());
    assertTrue(state.nextEscalationTo().startsWith("Senior Engineer (sam)"), state.nextEscalationTo());
    assertEquals(IncidentStatus.MONITORING, state.status(), "the restart was verified");
  }
}
