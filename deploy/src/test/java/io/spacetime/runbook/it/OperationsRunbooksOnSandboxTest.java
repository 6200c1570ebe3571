package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.document.RunbookWorkflow;
import io.spacetime.runbook.document.StepNote;
import io.spacetime.runbook.e2e.Await;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.client.WorkflowUpdateException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two operations documents the project ships (issue 13 section 2), run as shipped on real
 * hosts over real SSH: INDEX.md's daily morning check on a healthy sandbox and after a burst of
 * errors, and the on-call shift start answered with a handoff note. Ordered: the incident the
 * error burst opens stays open (and acts on the hosts), so it comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsRunbooksOnSandboxTest {

  static final String DAILY = "operations-daily-check";
  static final String SHIFT = "oncall-shift-start";

  final SandboxTestbed bed;
  final SandboxHost host1;
  final SandboxHost host2;

  OperationsRunbooksOnSandboxTest() throws Exception {
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-operations-"), 2, false, 88);
    host1 = bed.sandbox.hosts().get(0);
    host2 = bed.sandbox.hosts().get(1);
    for (String name : List.of(DAILY, SHIFT)) {
      Files.copy(Path.of("..", "runbooks", name + ".yaml"), bed.documents.resolve(name + ".yaml"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @AfterAll
  void stopSandbox() {
    bed.close();
  }

  @Test
  @Order(1)
  void theDailyCheckSucceedsOnAHealthySandbox() throws Exception {
    Ran ran = run(DAILY);
    RunbookResult result = ran.result();

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    for (String id : List.of("1 overnight", "1 open", "2 service", "4 resources", "4 disk", "4 memory", "5 logs",
        "5 errors")) {
      assertThat(step(result, id).status()).as(id + ": " + step(result, id)).isEqualTo(StepStatus.PASSED);
    }
    for (String id : List.of("3 error rate", "3 p95")) {
      assertThat(step(result, id).status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(step(result, id).summary()).startsWith("not checked: environment it configures no Prometheus");
    }
    // The load is the machine's own (the sandbox hosts share it with the build): judged, whatever it is.
    assertThat(step(result, "4 load").status()).isIn(StepStatus.PASSED, StepStatus.FAILED);
    assertThat(result.message()).doesNotContain("incident-it-");
    String report = client().report(ran.id());
    assertThat(report).contains("0 incident(s) of it opened in the last 24h", "0 incident(s) of it still open",
        "ERROR lines in the last 24 h: ")
        .as("the embedded server has no visibility query: the older execution lists answer")
        .contains("execution lists (this server has no visibility query)");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(report).as("judged on " + host.name()).contains(" on " + host.name() + " within <= 50",
          "% on " + host.name() + " within <= 85%", "% on " + host.name() + " within <= 90%");
    }
  }

  @Test
  @Order(2)
  void theShiftStartRecordsTheHandoffNote() throws Exception {
    String id = client().startDocument(new RunbookRequest(SHIFT, bed.sandbox.environmentName(), Map.of()));
    RunbookWorkflow run = bed.client().newWorkflowStub(RunbookWorkflow.class, id);
    Await.until("the shift start to wait for the note", Duration.ofMinutes(2),
        () -> Optional.of(run.progress().waitingFor()).filter(w -> w.startsWith("waiting for the note update")));

    WorkflowUpdateException refused = assertThrows(WorkflowUpdateException.class,
        () -> run.note(new StepNote("Dana; rm -rf /", "took over")));
    assertThat(refused.getCause().getMessage()).contains("author");
    assertThat(client().noteStep(id, new StepNote("Dana", "read Sam's handoff: nothing open, deploy freeze until Friday")))
        .isEqualTo("note recorded from Dana: read Sam's handoff: nothing open, deploy freeze until Friday");
    RunbookResult result = client().documentResultAsync(id).get(2, TimeUnit.MINUTES);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.message()).isEqualTo("every step passed");
    String report = client().report(id);
    assertThat(report).contains("note from Dana: read Sam's handoff: nothing open, deploy freeze until Friday",
        "On-call shift start: test notification", "0 incident(s) of it still open");
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(report).contains("access to " + host.name() + " as ", host.apiBaseUrl() + "/status");
    }
  }

  @Test
  @Order(3)
  void errorsInTheLastDayOpenTheHighErrorRateIncident() throws Exception {
    bed.sandbox.induce(host1, Condition.ERRORS, ConditionOptions.newBuilder().ratePercent(100).build());
    int failed = failedRequests(host1, 60);
    bed.sandbox.clear(host1);
    assertThat(failed).as("answered 500, each with an ERROR line in the log").isGreaterThan(50);

    RunbookResult result = run(DAILY).result();

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    StepResult errors = step(result, "5 errors");
    assertThat(errors.status()).isEqualTo(StepStatus.FAILED);
    assertThat(errors.summary()).contains(" on " + host1.name() + " > 50 allowed").doesNotContain(host2.name() + " >");
    assertThat(step(result, "2 service").status()).as("only the logs say something is wrong")
        .isEqualTo(StepStatus.PASSED);
    assertThat(result.message()).contains("(incident incident-it-high-error-rate)");
    IncidentState incident = bed.client().newWorkflowStub(IncidentWorkflow.class, "incident-it-high-error-rate").state();
    assertThat(incident.type()).isEqualTo("high-error-rate");
    assertThat(incident.source()).isEqualTo("runbook:" + DAILY);
    assertThat(incident.summary()).contains("Review logs for errors", "> 50 allowed");

    // The next morning's check reads it back from the server: opened in the last day, and still open.
    Ran next = run(DAILY);
    assertThat(step(next.result(), "1 open").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(next.result(), "1 open").summary()).startsWith("1 incident(s) of it still open, at most 0 allowed:"
        + " incident-it-high-error-rate (high-error-rate");
    assertThat(client().report(next.id())).contains("1 incident(s) of it opened in the last 24h (evidence):"
        + " incident-it-high-error-rate");
  }

  /** POSTs /disconnect {@code count} times (bounded); how many answered 500. */
  private int failedRequests(SandboxHost host, int count) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int failed = 0;
    for (int i = 0; i < count; i++) {
      HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(host.apiBaseUrl() + "/disconnect"))
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      failed += answer.statusCode() == 500 ? 1 : 0;
    }
    return failed;
  }

  /** A finished run: its workflow id (for the report query) and its result. */
  private record Ran(String id, RunbookResult result) {}

  private Ran run(String document) throws Exception {
    String id = client().startDocument(new RunbookRequest(document, bed.sandbox.environmentName(), Map.of()));
    return new Ran(id, client().documentResultAsync(id).get(3, TimeUnit.MINUTES));
  }

  private static StepResult step(RunbookResult result, String id) {
    return result.steps().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + id + " in " + result.steps()));
  }

  private RunbookClient client() {
    return new RunbookClient(bed.client(), SandboxTestbed.TASK_QUEUE, Clock.systemUTC());
  }
}
