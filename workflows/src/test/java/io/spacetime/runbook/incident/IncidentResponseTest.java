package io.spacetime.runbook.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an incident does in skipped time: severity from evidence, the scenario the evidence calls
 * for, risky actions waiting for a person (approved, rejected, timing out), verification, duplicate
 * reports, re-opening within the cool-down, continue-as-new, the post-mortem.
 */
class IncidentResponseTest {

  final FakeIncidentWorld world = new FakeIncidentWorld();
  @RegisterExtension final IncidentTestbed testbed = new IncidentTestbed(world);

  static IncidentRequest incident(String type, String severity) {
    return new IncidentRequest(type, "sandbox", "alert fired", severity, "test", "", Map.of(), List.of());
  }

  static AlertOccurrence firing(String episode) {
    return new AlertOccurrence("firing", "3f2a9c1d0e4b5a67", episode, "ApiErrors firing", "alertmanager", Map.of(), "");
  }

  List<String> texts(IncidentWorkflow run, Kind kind) {
    return run.timeline().stream().filter(e -> e.kind() == kind).map(TimelineEvent::text).toList();
  }

  @Test
  void assessesP1FromAnErrorRateOverFivePercentAndFixesItByRestarting() {
    world.all(h -> h.errorPercent = 20);
    IncidentWorkflow run = testbed.start(incident("high-error-rate", ""));
    testbed.sleep(Duration.ofMinutes(2));
    IncidentState state = run.state();
    assertEquals("P1", state.severity());
    assertTrue(texts(run, Kind.SEVERITY).get(0).contains("error rate 20.0 %"), texts(run, Kind.SEVERITY).toString());
    assertEquals(IncidentStatus.MONITORING, state.status(), run.timeline().toString());
    assertTrue(state.actionsTaken().stream().anyMatch(a -> a.contains("restarted the service")), state.actionsTaken().toString());
    assertEquals(2, world.count("startService"), "both hosts restarted (Scenario B)");
  }

  @Test
  void assessesP2FromAnErrorRateBetweenOneAndFivePercent() {
    world.all(h -> h.errorPercent = 20);
    world.settings = withSamples(50);
    world.hosts.values().forEach(h -> h.errorPercent = 2);
    IncidentWorkflow run = testbed.start(incident("high-error-rate", ""));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals("P2", run.state().severity(), texts(run, Kind.SEVERITY).toString());
  }

  @Test
  void aPortHeldByAnotherProcessWaitsForApprovalThenEndsThatPidAndRestarts() {
    world.host("api-1").active = false;
    world.host("api-1").foreignPid = 999;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P2"));
    testbed.sleep(Duration.ofMinutes(1));
    IncidentState waiting = run.state();
    assertEquals(List.of("kill-port-holder@api-1"), waiting.pendingApprovals().stream().map(PendingApproval::id).toList());
    assertEquals(0, world.count("killPortHolder"), "nothing is ended before a person says so");
    run.approve(new Decision("kill-port-holder@api-1", "olivia", "stray debug server"));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals(List.of("killPortHolder api-1 999"), world.calls.stream().filter(c -> c.startsWith("killPortHolder")).toList());
    assertEquals(IncidentStatus.MONITORING, run.state().status(), run.timeline().toString());
    assertEquals(List.of("Approved: kill-port-holder@api-1: stray debug server"), texts(run, Kind.APPROVED));
  }

  @Test
  void aRejectedRiskyActionIsNotDoneAndPeopleAreCalled() {
    world.host("api-1").active = false;
    world.host("api-1").foreignPid = 999;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P2"));
    testbed.sleep(Duration.ofMinutes(1));
    run.reject(new Decision("kill-port-holder@api-1", "olivia", "that is the database migration"));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals(0, world.count("killPortHolder"));
    assertEquals(IncidentStatus.NEEDS_PEOPLE, run.state().status());
    assertTrue(texts(run, Kind.ESCALATED).stream().anyMatch(t -> t.contains("people needed")), texts(run, Kind.ESCALATED).toString());
  }

  @Test
  void anUnansweredApprovalTimesOutAndEscalates() {
    world.host("api-1").active = false;
    world.host("api-1").foreignPid = 999;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P2"));
    testbed.sleep(Duration.ofMinutes(31));
    assertEquals(0, world.count("killPortHolder"));
    assertEquals(1, texts(run, Kind.APPROVAL_TIMED_OUT).size());
    assertTrue(texts(run, Kind.ESCALATED).get(0).contains("approval of kill-port-holder@api-1 not given within 30 min"),
        texts(run, Kind.ESCALATED).toString());
    assertEquals(List.of(), run.state().pendingApprovals());
    WorkflowUpdateException late = assertThrows(WorkflowUpdateException.class,
        () -> run.approve(new Decision("kill-port-holder@api-1", "olivia", "too late")));
    assertTrue(late.getCause().getMessage().contains("no action \"kill-port-holder@api-1\" waits for approval"),
        late.getCause().getMessage());
  }

  @Test
  void approvalTimeoutSecondsReplacesTheMinutes() {
    world.settings = settingsWith("approvalTimeoutSeconds", 5);
    world.host("api-1").active = false;
    world.host("api-1").foreignPid = 999;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P2"));
    testbed.sleep(Duration.ofSeconds(30));
    assertEquals(0, world.count("killPortHolder"));
    assertEquals(1, texts(run, Kind.APPROVAL_TIMED_OUT).size());
    assertTrue(texts(run, Kind.ESCALATED).get(0).contains("approval of kill-port-holder@api-1 not given within 5 s"),
        texts(run, Kind.ESCALATED).toString());
  }

  @Test
  void aFullDeployRootIsCleanedByCompressingOldLogsAndVerified() {
    world.all(h -> {
      h.diskPercent = 96;
      h.oldLogs = true;
    });
    IncidentWorkflow run = testbed.start(incident("disk-space", ""));
    testbed.sleep(Duration.ofMinutes(2));
    assertEquals("P1", run.state().severity());
    assertEquals(2, world.count("compressOldLogs"));
    assertEquals(0, world.count("pruneBackups"), "the safe scenario was enough; backups are never touched");
    assertEquals(IncidentStatus.MONITORING, run.state().status(), run.timeline().toString());
  }

  @Test
  void missingSceneFilesAreRestoredFromTheBackupAndLoadAgain() {
    world.host("api-2").sceneMissing = true;
    IncidentWorkflow run = testbed.start(incident("scene-load-failures", ""));
    testbed.sleep(Duration.ofMinutes(2));
    assertEquals(List.of("restoreSceneFiles api-2"), world.calls.stream().filter(c -> c.startsWith("restoreSceneFiles")).toList());
    assertEquals(IncidentStatus.MONITORING, run.state().status(), run.timeline().toString());
  }

  @Test
  void aMemoryLeakIsRestartedAndTheScheduledRestartWaitsForApproval() {
    world.host("api-1").leaking = true;
    IncidentWorkflow run = testbed.start(incident("memory-leak", ""));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals("P2", run.state().severity());
    assertEquals(1, world.count("startService api-1"));
    run.approve(new Decision("scheduled-restart@api-1", "olivia", "until v2.5.1"));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals(1, world.count("installScheduledRestart api-1 6"));
    assertEquals(IncidentStatus.MONITORING, run.state().status(), run.timeline().toString());
  }

  @Test
  void aCodeBugAfterARecentDeploymentRollsBackThroughTheEmergencyRollbackOnceApproved() {
    world.all(h -> {
      h.errorPercent = 50;
      h.restartFixes = false;
    });
    world.recentDeployment = true;
    IncidentWorkflow run = testbed.start(incident("high-error-rate", "P1"));
    testbed.sleep(Duration.ofMinutes(3));
    assertEquals(List.of("rollback@sandbox"), run.state().pendingApprovals().stream().map(PendingApproval::id).toList(),
        run.timeline().toString());
    run.approve(new Decision("rollback@sandbox", "olivia", "errors began with v2.5.0"));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals(1, IncidentTestbed.ROLLBACKS.size());
    assertTrue(IncidentTestbed.ROLLBACKS.get(0).reason().startsWith("incident incident-sandbox-high-error-rate"));
  }

  @Test
  void duplicateReportsJoinTheOpenIncidentAndCountOccurrences() {
    IncidentRequest request = new IncidentRequest("high-error-rate", "sandbox", "ApiErrors", "P2", "alertmanager",
        "3f2a9c1d0e4b5a67", Map.of("alertname", "ApiErrors"), List.of());
    testbed.open(request, firing("2025-12-02T10:00:00Z"));
    testbed.open(request, firing("2025-12-02T10:00:00Z"));
    IncidentWorkflow run = testbed.open(request, firing("2025-12-02T10:40:00Z"));
    testbed.sleep(Duration.ofSeconds(30));
    IncidentState state = run.state();
    assertEquals("incident-sandbox-fp-3f2a9c1d0e4b5a67", state.key());
    assertEquals(2, state.occurrences(), "the repeat of one episode is a notification, a new startsAt an occurrence");
    assertEquals(3, state.notifications());
    run.alert(new AlertOccurrence("resolved", "3f2a9c1d0e4b5a67", "2025-12-02T10:40:00Z", "ApiErrors resolved",
        "alertmanager", Map.of(), ""));
    testbed.sleep(Duration.ofSeconds(5));
    assertEquals(1, run.state().resolveCandidates().size());
    assertFalse(run.state().status() == IncidentStatus.RESOLVED, "a resolved alert never resolves the incident alone");
  }

  @Test
  void aFiringWithinTheCoolDownReopensAndAfterItTheRunEnds() {
    world.host("api-1").active = false;
    IncidentRequest request = new IncidentRequest("api-unresponsive", "sandbox", "down", "P2", "alertmanager",
        "3f2a9c1d0e4b5a67", Map.of(), List.of());
    IncidentWorkflow run = testbed.open(request, firing("e1"));
    testbed.sleep(Duration.ofMinutes(1));
    run.resolve(new Resolution("olivia", "restarted", "crash"));
    testbed.sleep(Duration.ofMinutes(10));
    world.host("api-1").active = false;
    testbed.open(request, firing("e2"));
    testbed.sleep(Duration.ofMinutes(1));
    assertEquals(1, run.state().reopened());
    assertEquals(1, texts(run, Kind.REOPENED).size());
    run.resolve(new Resolution("olivia", "restarted again", "crash loop"));
    IncidentResult result = WorkflowStub.fromTyped(run).getResult(IncidentResult.class);
    assertEquals(1, result.reopened());
    assertEquals(IncidentStatus.RESOLVED, result.status());
    assertTrue(result.postMortem().contains("Re-opened within the cool-down"), result.postMortem());
  }

  @Test
  void aLongIncidentContinuesAsNewKeepingItsTimeline() {
    world.settings = withContinueAsNewAfter(120);
    IncidentRequest request = new IncidentRequest("slow-response", "sandbox", "slow", "P3", "alertmanager",
        "3f2a9c1d0e4b5a67", Map.of(), List.of());
    IncidentWorkflow run = testbed.open(request, firing("e0"));
    String firstRun = WorkflowStub.fromTyped(run).getExecution().getRunId();
    for (int hour = 1; hour <= 72; hour++) {
      testbed.sleep(Duration.ofHours(1));
      testbed.open(request, firing("e" + hour));
    }
    testbed.sleep(Duration.ofMinutes(1));
    IncidentWorkflow latest = testbed.client().newWorkflowStub(IncidentWorkflow.class, IncidentKey.of(request));
    String lastRun = testbed.client().newUntypedWorkflowStub(IncidentKey.of(request)).describe()
        .getWorkflowExecutionInfo().getExecution().getRunId();
    assertFalse(firstRun.equals(lastRun), "the incident continued as new");
    assertEquals(73, latest.state().occurrences());
    assertEquals(72, texts(latest, Kind.ALERT).stream().filter(t -> t.startsWith("Alert firing (occurrence")).count());
    assertTrue(texts(latest, Kind.DETECTED).size() == 1, "the detection three days ago is still on the timeline");
    assertEquals(3, texts(latest, Kind.STATUS_UPDATE).size(), "the P3 daily update went on across runs");
  }

  @Test
  void thePostMortemDraftFillsTheTimelineFromTheRunsOwnEvents() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P1"));
    testbed.sleep(Duration.ofMinutes(2));
    run.acknowledge(new Acknowledgement("olivia"));
    run.addNote(new Note("olivia", "crash at 10:00 after the kernel update"));
    run.resolve(new Resolution("olivia", "restarted the service", "kernel update killed the process"));
    String draft = run.postMortem();
    assertTrue(draft.startsWith("# Incident Post-Mortem"), draft);
    assertTrue(draft.contains("**Severity:** P1 - High"), draft);
    assertTrue(draft.contains("**Responders:** olivia"), draft);
    for (String line : List.of("Detected: alert fired", "Acknowledged by olivia", "crash at 10:00 after the kernel update",
        "restarted the service (Incident 1 Scenario A", "Verified after Scenario A", "Resolved: restarted the service")) {
      assertTrue(draft.contains(line), line + " in\n" + draft);
    }
    assertTrue(draft.contains("## Root Cause\nkernel update killed the process"), draft);
    assertTrue(draft.contains("[Number or percentage]"), "what only people know is left for them");
  }

  @Test
  void anUnknownTypeFailsTheRunAtOnceNamingTheSeven() {
    WorkflowStub run = testbed.client().newUntypedWorkflowStub(IncidentWorkflow.TYPE,
        io.temporal.client.WorkflowOptions.newBuilder().setWorkflowId("incident-typo").setTaskQueue(IncidentTestbed.TASK_QUEUE).build());
    run.start(new IncidentRequest("api-down", "sandbox", "x", "", "", "", Map.of(), List.of()), null);
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> run.getResult(IncidentResult.class));
    String message = failed.getCause().getMessage();
    assertTrue(message.contains("api-unresponsive, high-error-rate, slow-response, auth-failures, scene-load-failures,"
        + " memory-leak, disk-space"), message);
    assertEquals(0, world.calls.size(), "nothing ran");
  }

  @Test
  void anInvestigationStepThatCouldNotReadAHostSaysSoInsteadOfPassing() {
    world.host("api-1").active = false;
    world.host("api-2").logUnreadable = true;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P2"));
    testbed.sleep(Duration.ofMinutes(1));
    var logs = run.progress().steps().stream().filter(s -> s.label().equals("Step 4: Review Logs")).findFirst().orElseThrow();
    assertEquals(io.spacetime.runbook.core.StepStatus.FAILED, logs.status());
    assertTrue(logs.summary().startsWith("NOT read: api-2 (log patterns: "), logs.summary());
  }

  @Test
  void aWebUiInputWithATypoFailsAtOnceNamingTheField() {
    WorkflowStub run = testbed.client().newUntypedWorkflowStub(IncidentWorkflow.TYPE,
        io.temporal.client.WorkflowOptions.newBuilder().setWorkflowId("incident-ui-typo").setTaskQueue(IncidentTestbed.TASK_QUEUE).build());
    run.start(io.spacetime.runbook.testing.RunbookTestbed.json(
        "{\"type\":\"disk-space\",\"environmnet\":\"sandbox\",\"summary\":\"full\"}"));
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> run.getResult(IncidentResult.class));
    assertTrue(failed.getCause().getMessage().contains("environmnet"), failed.getCause().getMessage());
    assertEquals(0, world.calls.size(), "nothing ran");
  }

  @Test
  void badUpdatesAreRefusedWithTheFieldAndWhatIsAccepted() {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.start(incident("api-unresponsive", "P2"));
    testbed.sleep(Duration.ofSeconds(30));
    assertTrue(refused(() -> run.setSeverity(new SeverityChange("P9", "olivia", "x"))).contains("use P0, P1, P2, P3 or P4"));
    assertTrue(refused(() -> run.acknowledge(new Acknowledgement("rm -rf /; $(x)"))).contains("by \""));
    assertTrue(refused(() -> run.resolve(new Resolution("olivia", "", "x"))).contains("summary is required"));
    run.resolve(new Resolution("olivia", "fixed", "crash"));
    assertTrue(refused(() -> run.escalateNow(new EscalationRequest("olivia", "again"))).contains("it was resolved by olivia"));
  }

  private static String refused(Runnable update) {
    return assertThrows(WorkflowUpdateException.class, update::run).getCause().getMessage();
  }

  static io.spacetime.runbook.environment.IncidentSettings withSamples(int samples) {
    return settingsWith("samplesPerEndpoint", samples);
  }

  static io.spacetime.runbook.environment.IncidentSettings withContinueAsNewAfter(int events) {
    return settingsWith("continueAsNewAfterEvents", events);
  }

  /** The test settings with one field changed, through the record's canonical constructor. */
  static io.spacetime.runbook.environment.IncidentSettings settingsWith(String field, Object value) {
    var base = FakeIncidentWorld.testSettings();
    var components = io.spacetime.runbook.environment.IncidentSettings.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = components[i].getName().equals(field) ? value : components[i].getAccessor().invoke(base);
      }
      return io.spacetime.runbook.environment.IncidentSettings.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("IncidentSettings." + field, e);
    }
  }
}
