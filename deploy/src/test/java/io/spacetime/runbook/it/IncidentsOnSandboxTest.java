package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.e2e.Await;
import io.spacetime.runbook.incident.Decision;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.IncidentStatus;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.incident.PendingApproval;
import io.spacetime.runbook.incident.Resolution;
import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.incident.TimelineEvent;
import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RUNBOOK_INCIDENTS.md's seven incidents on real hosts over real SSH: each condition is induced
 * for real on the sandbox (a killed service, a foreign process on the API port, 500s, slow
 * answers, 401s, a deleted scene, growing memory, a full deploy root), and the incident workflow
 * must collect the evidence, fix it, verify it, and list what it did in the post-mortem. Whether
 * the fix worked is read from the hosts (the condition no longer holds), not from the workflow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsOnSandboxTest {

  static final Duration RESPONSE = Duration.ofMinutes(3);

  final SandboxTestbed bed;
  final SandboxHost host1;
  final SandboxHost host2;

  IncidentsOnSandboxTest() throws Exception {
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-incidents-"), 2, false, 73);
    host1 = bed.sandbox.hosts().get(0);
    host2 = bed.sandbox.hosts().get(1);
    fewerSamples(bed.sandbox.environmentFile());
    quickApprovals(bed.sandbox.environmentFile());
  }

  @AfterEach
  void healEveryHost() throws Exception {
    for (SandboxHost host : bed.sandbox.hosts()) {
      bed.sandbox.clear(host);
    }
  }

  @AfterAll
  void stopSandbox() {
    bed.close();
  }

  @Test
  void aKilledServiceIsRestartedAndAnswersAgain() throws Exception {
    bed.sandbox.induce(host1, Condition.CRASH);
    IncidentWorkflow run = open("api-unresponsive", "crash", "it");

    IncidentState done = settled(run);

    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(done.severity()).as("one of two hosts down: partial outage").isEqualTo("P1");
    assertThat(bed.sandbox.conditionsHolding(host1)).isEmpty();
    assertThat(bed.sandbox.status(host1).overallReady()).isTrue();
    assertThat(done.actionsTaken()).anyMatch(a -> a.startsWith("[" + host1.name() + "] restarted the service"));
    assertThat(run.postMortem()).contains("Identified: Scenario A: Service Crashed/Stopped", "restarted the service",
        "Verified after Scenario A");
    resolve(run);
  }

  @Test
  void aForeignProcessOnTheApiPortIsEndedOnlyAfterApproval() throws Exception {
    bed.sandbox.induce(host1, Condition.PORT_CONFLICT);
    IncidentWorkflow run = open("api-unresponsive", "port", "it");

    PendingApproval pending = Await.until("the approval request", RESPONSE,
        () -> run.state().pendingApprovals().stream().findFirst());
    assertThat(pending.id()).isEqualTo("kill-port-holder@" + host1.name());
    assertThat(pending.evidence().get("working directory")).doesNotContain(host1.deployRoot().toString());
    assertThat(bed.sandbox.conditionsHolding(host1)).as("nothing is ended before a person approves").contains(Condition.PORT_CONFLICT);
    run.approve(new Decision(pending.id(), "olivia", "a stray debug server"));

    IncidentState done = settled(run);
    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(bed.sandbox.conditionsHolding(host1)).isEmpty();
    assertThat(bed.sandbox.serviceRunning(host1)).isTrue();
    resolve(run);
  }

  @Test
  void aHighErrorRateIsAssessedP1AndRestartedAway() throws Exception {
    for (SandboxHost host : bed.sandbox.hosts()) {
      bed.sandbox.induce(host, Condition.ERRORS, ConditionOptions.newBuilder().ratePercent(50).build());
    }
    IncidentWorkflow run = open("high-error-rate", "errors", "it");

    IncidentState done = settled(run);

    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(done.severity()).isEqualTo("P1");
    assertThat(severityReason(run)).contains("error rate");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.conditionsHolding(host)).isEmpty();
    }
    assertThat(run.report()).contains("Step 1: Identify Failing Endpoints", "Step 3: Check Resource Usage",
        "Incident 2 Verification Steps");
    resolve(run);
  }

  @Test
  void slowAnswersOnOneHostAreAssessedP2AndRestartedAway() throws Exception {
    bed.sandbox.induce(host1, Condition.SLOW, ConditionOptions.newBuilder().delayMs(700).build());
    IncidentWorkflow run = open("slow-response", "slow", "it");

    IncidentState done = settled(run);

    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(done.severity()).as(severityReason(run)).isEqualTo("P2");
    assertThat(bed.sandbox.conditionsHolding(host1)).isEmpty();
    resolve(run);
  }

  @Test
  void refusedAuthenticationIsRestartedAwayAndNoNewAuthErrorsAreLogged() throws Exception {
    for (SandboxHost host : bed.sandbox.hosts()) {
      bed.sandbox.induce(host, Condition.AUTH);
    }
    IncidentWorkflow run = open("auth-failures", "auth", "it");

    IncidentState done = settled(run);

    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(done.severity()).isEqualTo("P1");
    assertThat(run.report()).contains("2. No auth errors in logs");
    assertThat(bed.sandbox.conditionsHolding(host2)).isEmpty();
    resolve(run);
  }

  @Test
  void aDeletedSceneIsRestoredFromTheBackupAndLoadsAgain() throws Exception {
    bed.sandbox.backUpServedRelease(host1);
    bed.sandbox.induce(host1, Condition.SCENE_MISSING);
    IncidentWorkflow run = open("scene-load-failures", "scene", "it");

    IncidentState done = settled(run);

    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(bed.sandbox.conditionsHolding(host1)).isEmpty();
    assertThat(run.timeline()).filteredOn(e -> e.kind() == Kind.ACTION && e.text().contains("restored"))
        .anyMatch(e -> e.evidence().getOrDefault("affected", "").contains("vr_main.tscn"));
    resolve(run);
  }

  @Test
  void growingMemoryIsRestartedAndTheRejectedScheduledRestartIsNotInstalled() throws Exception {
    bed.sandbox.induce(host1, Condition.MEMORY_GROWTH);
    IncidentWorkflow run = open("memory-leak", "memory", "it");

    PendingApproval pending = Await.until("the scheduled restart's approval request", RESPONSE,
        () -> run.state().pendingApprovals().stream().findFirst());
    assertThat(pending.id()).isEqualTo("scheduled-restart@" + host1.name());
    run.reject(new Decision(pending.id(), "olivia", "the fix ships tomorrow"));

    IncidentState done = settled(run);
    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(bed.sandbox.conditionsHolding(host1)).isEmpty();
    assertThat(Files.exists(host1.deployRoot().resolve(".runbook-scheduled-restart"))).isFalse();
    assertThat(texts(run, Kind.REJECTED)).hasSize(1);
    resolve(run);
  }

  @Test
  void aFullDeployRootIsCleanedBelowEightyPercentWithoutTouchingBackups() throws Exception {
    bed.sandbox.induce(host1, Condition.DISK_FILL);
    IncidentWorkflow run = open("disk-space", "disk", "it");

    IncidentState done = settled(run);

    assertThat(done.status()).as(timeline(run)).isEqualTo(IncidentStatus.MONITORING);
    assertThat(done.severity()).isEqualTo("P1");
    assertThat(bed.sandbox.conditionsHolding(host1)).isEmpty();
    assertThat(done.actionsTaken()).anyMatch(a -> a.contains("compress")).anyMatch(a -> a.contains("core"))
        .anyMatch(a -> a.contains("temp"));
    assertThat(done.pendingApprovals()).isEmpty();
    resolve(run);
  }

  @Test
  void anUnansweredApprovalTimesOutEscalatesAndIsNotDone() throws Exception {
    bed.sandbox.induce(host2, Condition.MEMORY_GROWTH);
    IncidentWorkflow run = open("memory-leak", "memory-timeout", "itquick");

    IncidentState done = Await.until("the approval to time out", RESPONSE, () -> {
      IncidentState s = run.state();
      return texts(run, Kind.APPROVAL_TIMED_OUT).isEmpty() || !s.pendingApprovals().isEmpty() ? Optional.empty() : Optional.of(s);
    });
    assertThat(texts(run, Kind.ESCALATED)).anyMatch(t -> t.contains("approval of scheduled-restart@" + host2.name()));
    assertThat(Files.exists(host2.deployRoot().resolve(".runbook-scheduled-restart"))).isFalse();
    assertThat(done.escalatedTo()).startsWith("Senior Engineer");
    resolve(run);
  }

  // --- helpers

  IncidentWorkflow open(String type, String fingerprint, String environment) {
    IncidentRequest request = new IncidentRequest(type, environment, "e2e " + fingerprint, "", "test", fingerprint,
        Map.of(), List.of());
    IncidentWorkflow run = bed.client().newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentKey.of(request)).setTaskQueue(SandboxTestbed.TASK_QUEUE).build());
    WorkflowClient.start(run::respond, request, null);
    return bed.client().newWorkflowStub(IncidentWorkflow.class, IncidentKey.of(request));
  }

  /** The state once the response has finished: verified (MONITORING) or needing people. */
  static IncidentState settled(IncidentWorkflow run) throws InterruptedException {
    return Await.until("the incident response to settle", RESPONSE, () -> {
      IncidentState s = run.state();
      return Set.of(IncidentStatus.MONITORING, IncidentStatus.NEEDS_PEOPLE).contains(s.status()) && s.pendingApprovals().isEmpty()
          ? Optional.of(s) : Optional.empty();
    });
  }

  static void resolve(IncidentWorkflow run) {
    run.resolve(new Resolution("olivia", "verified by the engine", "induced by the test"));
  }

  static List<String> texts(IncidentWorkflow run, Kind kind) {
    return run.timeline().stream().filter(e -> e.kind() == kind).map(TimelineEvent::text).toList();
  }

  static String severityReason(IncidentWorkflow run) {
    return String.join("; ", texts(run, Kind.SEVERITY));
  }

  static String timeline(IncidentWorkflow run) {
    return String.join("\n", run.timeline().stream().map(e -> e.kind() + " " + e.text() + " " + e.evidence()).toList())
        + "\n" + run.report();
  }

  /**
   * A second environment file for the same hosts whose approvals time out after 5 s: the test
   * waits for the timeout itself, and the shortest wait in minutes (1) was most of its time.
   */
  static void quickApprovals(Path environmentFile) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(environmentFile.toFile());
    env.put("name", "itquick");
    ((ObjectNode) env.get("incident")).put("approvalTimeoutSeconds", 5);
    yaml.writeValue(environmentFile.resolveSibling("itquick.yaml").toFile(), env);
  }

  /**
   * 4 requests per endpoint in each error-rate / response-time reading instead of the sandbox's 10:
   * the requests of a reading are sequential and every incident takes several (its assessment, its
   * investigation, each of verification's 5), so with 10 the readings were a large part of these
   * tests' time (the slow host answers 700 ms late). The verdicts do not depend on the count: the
   * errors condition fails its share evenly (8 of 16 at 50 %, P1 above 5 %), one slow host of two
   * keeps the average near 400 ms (P2: between 300 and 1000 ms), and a fixed host must answer every
   * request well (no error, under 100 ms on average), as with 10.
   */
  static void fewerSamples(Path environmentFile) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(environmentFile.toFile());
    ((ObjectNode) env.get("incident")).put("samplesPerEndpoint", 4);
    yaml.writeValue(environmentFile.toFile(), env);
  }

  /**
   * Runbook documents on the same two hosts (sharing this class's sandbox and server): a document
   * whose check fails after a change undoes the change for real, in reverse, on every host.
   */
  @org.junit.jupiter.api.Nested
  class RunbookDocuments {

    static final String DRILL = """
        name: marker-drill
        description: writes a marker on every host, reads it back, and rolls back when it does not say ready
        parameters:
          reason:
            type: string
            pattern: "[a-z ]{1,30}"
        steps:
          - id: "1"
            title: Write the marker
            run: {command: "printf '%s\\n' {reason} > {deployRoot}/MARKER", parallel: true}
            undo: {command: "rm -f {deployRoot}/MARKER"}
          - id: "2"
            title: Read the marker
            run: {command: "cat {deployRoot}/MARKER"}
          - id: "3"
            title: Marker says ready
            check: {of: "2", exitCode: 0, outputMatches: "^ready$"}
        """;

    @Test
    void aFailedCheckUndoesTheChangeOnEveryHost() throws Exception {
      Files.writeString(bed.documents.resolve("marker-drill.yaml"), DRILL);

      String id = client().startDocument(new RunbookRequest("marker-drill", bed.sandbox.environmentName(),
          Map.of("reason", "drill one")));
      RunbookResult result = client().documentResultAsync(id).get(3, TimeUnit.MINUTES);

      assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(result.message()).startsWith("stopped at 3 Marker says ready: output on " + host1.name()
          + " has no match of /^ready$/");
      assertThat(client().report(id)).as("the marker was really written before it was undone")
          .contains("cat ").contains("drill one");
      for (SandboxHost host : bed.sandbox.hosts()) {
        assertThat(host.deployRoot().resolve("MARKER")).as("undone on " + host.name()).doesNotExist();
      }
      assertThat(result.steps().stream().filter(s -> s.status() == StepStatus.COMPENSATED)
          .map(StepResult::host)).containsExactly(host2.name(), host1.name());
    }

    /**
     * The shipped troubleshooting document (issue 13 section 2), as the project ships it: read-only
     * evidence from every host, each step recorded per host, nothing changed.
     */
    @Test
    void theShippedTroubleshootingQuickCheckCollectsEvidenceFromEveryHost() throws Exception {
      Files.copy(Path.of("..", "runbooks", "troubleshooting-quick-check.yaml"),
          bed.documents.resolve("troubleshooting-quick-check.yaml"), StandardCopyOption.REPLACE_EXISTING);

      String id = client().startDocument(new RunbookRequest("troubleshooting-quick-check", bed.sandbox.environmentName(),
          Map.of("errorLines", "5")));
      RunbookResult result = client().documentResultAsync(id).get(3, TimeUnit.MINUTES);

      assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
      String report = client().report(id);
      for (String title : List.of("Quick health check: /status ready on every host",
          "Quick health check: collect disk, load and memory", "Quick health check: disk below 90 %", "Review recent changes: the engine's releases on each host",
          "Collect diagnostic data: recent ERROR lines")) {
        String row = report.lines().filter(l -> l.startsWith("| ") && l.contains(" " + title + " |")).findFirst()
            .orElseThrow(() -> new AssertionError("no row for " + title + " in\n" + report));
        assertThat(row).as(title).contains("| PASSED |");
        for (SandboxHost host : bed.sandbox.hosts()) {
          // A command step names the host; the http step names the host's own /status address.
          assertThat(row.contains(host.name()) || row.contains(host.apiBaseUrl() + "/status"))
              .as(title + " answered for " + host.name() + ": " + row).isTrue();
        }
      }
      assertThat(report).as("the resources step read the hosts' own numbers").contains("MemAvailable");
      assertThat(result.steps()).noneMatch(s -> s.status() == StepStatus.COMPENSATED);
    }

    private RunbookClient client() {
      return new RunbookClient(bed.client(), SandboxTestbed.TASK_QUEUE, Clock.systemUTC());
    }
  }
}
