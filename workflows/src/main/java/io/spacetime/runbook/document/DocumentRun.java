package io.spacetime.runbook.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.GateFailure;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.SummarisedWait;
import io.spacetime.runbook.core.Undo;
import io.spacetime.runbook.deployment.AwaitedDecision;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.LoadEnvironment;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentOpening;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.DocumentCommands;
import io.spacetime.runbook.ports.incident.IncidentHistory;
import io.spacetime.runbook.ports.incident.IncidentHistoryActivities;
import io.spacetime.runbook.ports.incident.IncidentHistoryQuery;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.spacetime.runbook.ports.metrics.MetricsActivities;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.HttpRequests;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.TeamNotifier;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interpreter: one document's steps in order, each action through the runbook core. A failed
 * step does what its {@code onFailure} says; a cancel undoes what was done. Deterministic: the
 * document comes from an activity result, never from the file.
 */
final class DocumentRun {

  static final Step LOAD_DOCUMENT = new Step("", "Load runbook document");
  static final Step LOAD_ENVIRONMENT = new Step("", "Load environment");
  /**
   * The largest inventory one run takes: a {@code run} step on every host costs about 6 history
   * events per host, so 200 hosts and 20 such steps stay far below Temporal's 51,200-event limit.
   */
  static final int MAX_HOSTS = 200;
  /** The interpreter's version for runs in flight; raise the maximum (and record a history) when its commands change. */
  static final String INTERPRETER_CHANGE = "runbook-interpreter";
  /** How often an http step with {@code retryFor} asks again. */
  static final Duration HTTP_RETRY_INTERVAL = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunbookRequest request;
  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final AwaitedDecision<StepApproval> approvals;
  private final AwaitedDecision<StepNote> notes;
  /** The steps recorded as not checked (no Prometheus configured, no note in time): never counted as passed. */
  private final List<String> notChecked = new ArrayList<>();
  /** Each run step's evidence, host by host, for the check steps after it. */
  private final Map<String, List<CommandEvidence>> ran = new LinkedHashMap<>();
  private final List<String> continuedPast = new ArrayList<>();
  /** When each step began (workflow time, ms), for the elapsed steps after it. */
  private final Map<String, Long> began = new LinkedHashMap<>();
  /** What the elapsed steps measured, for the result's message (a passed step's gates are in the report only). */
  private final List<String> measured = new ArrayList<>();
  private LoadedDocument loaded;
  private Environment env;
  private Map<String, String> values = Map.of();

  DocumentRun(RunbookRequest request, Procedure procedure, ActivityStubs stubs, AwaitedDecision<StepApproval> approvals,
      AwaitedDecision<StepNote> notes) {
    this.request = request;
    this.procedure = procedure;
    this.stubs = stubs;
    this.approvals = approvals;
    this.notes = notes;
  }

  RunbookResult run() {
    Workflow.getVersion(INTERPRETER_CHANGE, Workflow.DEFAULT_VERSION, 1);
    load();
    try {
      env = LoadEnvironment.run(procedure, stubs, LOAD_ENVIRONMENT, request.environment(), MAX_HOSTS);
    } catch (GateFailure | ActivityFailure | CanceledFailure e) {
      return stopped(e, DocumentStep.ABORT);
    }
    for (DocumentStep step : loaded.document().steps()) {
      try {
        perform(step, new Step(step.id(), step.title()));
      } catch (GateFailure | ActivityFailure | ChildWorkflowFailure | CanceledFailure | IllegalArgumentException e) {
        if (cancelled() || !step.goesOnAfterFailure()) {
          if (cancelled() || !step.reportsFailure()) {
            return stopped(e, step.onFailure());
          }
          // Only documents with alert or incidentType on a stopping step come here (both new): replay-safe.
          String failure = describe(e);
          String reported = reportFailure(step, failure);
          return stoppedAt(failure + " (" + reported + ")", step.onFailure());
        }
        String failure = describe(e);
        continuedPast.add(step.reportsFailure() ? failure + " (" + reportFailure(step, failure) + ")" : failure);
      }
    }
    String measuredText = measured.isEmpty() ? "" : "; measured: " + String.join("; ", measured);
    String message = continuedPast.isEmpty() ? notChecked.isEmpty() ? "every step passed" : "every step checked passed"
        : "finished; these steps failed and their onFailure let the run go on: " + String.join("; ", continuedPast);
    return finish(Outcome.SUCCEEDED, (notChecked.isEmpty() ? message : message + "; not checked: "
        + String.join("; ", notChecked)) + measuredText);
  }

  /**
   * The document as of now, with its hash: a missing or invalid document, or parameters outside its
   * allow-lists, fail the run at once with the loader's message (nothing has run).
   */
  private void load() {
    procedure.begin(LOAD_DOCUMENT, "");
    try {
      loaded = stubs.quick(DocumentActivities.class).loadDocument(request.runbook());
    } catch (ActivityFailure e) {
      procedure.failCurrent(Failures.describe(e));
      throw ApplicationFailure.newNonRetryableFailure(Failures.describe(e), InvalidInputException.TYPE);
    }
    procedure.evidence(Evidence.note("", "load " + loaded.file(), "loaded", Map.of("sha256", loaded.sha256(),
        "steps", String.valueOf(loaded.document().steps().size()), "source", loaded.document().source())));
    Failures.rejectInvalidInput(() -> values = ParameterValues.resolve(loaded.document(), request.parameters()));
    procedure.pass(loaded.file() + " (sha256 " + loaded.sha256().substring(0, Math.min(12, loaded.sha256().length())) + ")");
    procedure.publishSearchAttributes(RunbookWorkflow.TYPE, "");
  }

  private void perform(DocumentStep step, Step label) {
    procedure.begin(label, "");
    // Workflow time, recorded for every step: an elapsed step reads it (no command, nothing in history).
    began.put(step.id(), Workflow.currentTimeMillis());
    switch (step.action()) {
      case "run" -> run(step);
      case "check" -> check(step.check());
      case "http" -> http(step.http());
      case "approve" -> approve(step.approve(), label);
      case "wait" -> waitFor(step.pause(), label);
      case "notify" -> notify(step.notice());
      case "incident" -> openIncident(step.incident(), label);
      case "runbook" -> runChild(step, label);
      case "incidents" -> incidents(step.incidents());
      case "prometheus" -> {
        if (!prometheus(step.prometheus(), label)) {
          return;
        }
      }
      case "note" -> {
        if (!note(step.note(), label)) {
          return;
        }
      }
      case "elapsed" -> elapsed(step, step.elapsed());
      default -> throw new IllegalArgumentException("step " + step.id() + " has no action this interpreter knows");
    }
    procedure.pass("");
  }

  /**
   * {@code run}: the template on each selected host, one after another (stopping at the first that
   * fails) or all at once. The undo is registered before the command runs on a host, so a command
   * that timed out half-way is undone too: an undo must be safe to run whatever the command did.
   */
  private void run(DocumentStep step) {
    RunAction action = step.run();
    List<Host> hosts = HostSelection.of(env, action.on());
    List<CommandEvidence> evidence = new ArrayList<>();
    ran.put(step.id(), evidence);
    if (!action.parallel()) {
      for (Host host : hosts) {
        undoLater(step, host);
        CommandEvidence result = commands().runDocumentCommand(env.on(host), action.command(), values,
            action.timeoutSeconds());
        evidence.add(result);
        procedure.evidence(EvidenceOf.command(result));
        procedure.check(exit(action, result));
      }
      return;
    }
    Map<Host, Promise<CommandEvidence>> running = new LinkedHashMap<>();
    for (Host host : hosts) {
      undoLater(step, host);
      DocumentCommands stub = commands();
      running.put(host, Async.function(stub::runDocumentCommand, env.on(host), action.command(), values,
          action.timeoutSeconds()));
    }
    Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
    List<GateResult> gates = new ArrayList<>();
    running.forEach((host, promise) -> {
      if (promise.getFailure() != null) {
        gates.add(GateResult.fail("exit code", host.name() + ": " + Failures.describe(promise.getFailure())));
        return;
      }
      CommandEvidence result = promise.get();
      evidence.add(result);
      procedure.evidence(EvidenceOf.command(result));
      gates.add(exit(action, result));
    });
    procedure.check(GateResult.allOf("exit code", gates));
  }

  private static GateResult exit(RunAction action, CommandEvidence result) {
    if (result.succeeded() || action.acceptAnyExit()) {
      return GateResult.pass("exit code", "exit " + result.exitCode() + " on " + result.host());
    }
    return GateResult.fail("exit code", "exit " + result.exitCode() + " on " + result.host()
        + (result.stderrTail().isBlank() ? "" : ": " + lastLine(result.stderrTail())));
  }

  private void undoLater(DocumentStep step, Host host) {
    if (step.undo() == null) {
      return;
    }
    CommandUndo undo = step.undo();
    String description = step.title() + " [" + host.name() + "]";
    Step undoing = new Step(step.id(), step.title());
    procedure.rollbackPoint(undoing, host.name(), step.title(), () -> {
      CommandEvidence result = stubs.summarisedAs("Rollback: " + description).onHost(DocumentCommands.class)
          .runDocumentCommand(env.on(host), undo.command(), values, undo.timeoutSeconds());
      procedure.evidence(EvidenceOf.command(result));
      return Undo.require(description, result.succeeded()
          ? GateResult.pass("undo", "exit 0 on " + host.name())
          : GateResult.fail("undo", "exit " + result.exitCode() + " on " + host.name()
              + (result.stderrTail().isBlank() ? "" : ": " + lastLine(result.stderrTail()))));
    });
  }

  /** {@code check}: the gates over every host's evidence of the earlier step, all reported at once. */
  private void check(CheckAction check) {
    List<CommandEvidence> evidence = ran.get(check.of());
    if (evidence == null || evidence.isEmpty()) {
      procedure.check(GateResult.fail(EvidenceCheck.GATE, "step " + check.of() + " left no evidence to check"
          + " (it did not run, or failed on every host)"));
      return;
    }
    List<GateResult> gates = new ArrayList<>();
    evidence.forEach(e -> gates.addAll(EvidenceCheck.judge(check, e)));
    procedure.check(GateResult.allOf(EvidenceCheck.GATE, gates));
  }

  /** {@code http}: one request, or one per selected host, each with its expected status and JSON field. */
  private void http(HttpAction action) {
    List<GateResult> gates = new ArrayList<>();
    if (action.on().isEmpty()) {
      gates.addAll(exchange(action, "", Map.of()));
    } else {
      for (Host host : HostSelection.of(env, action.on())) {
        gates.addAll(exchange(action, host.name(), Map.of("apiUrl", env.apiBaseUrl(host), "statusUrl", env.statusUrl(host))));
      }
    }
    procedure.check(GateResult.allOf("http", gates));
  }

  /**
   * One request and its gates; with {@code retryFor}, asked again every {@link #HTTP_RETRY_INTERVAL}
   * (a durable timer) until the answer is the expected one or the time is up (a service that was just
   * started answers once it is ready). Only the last answer is kept as evidence.
   */
  private List<GateResult> exchange(HttpAction action, String host, Map<String, String> hostValues) {
    Attempt last = attempt(action, hostValues);
    int attempts = 1;
    if (!action.retryFor().isEmpty()) {
      long deadline = Workflow.currentTimeMillis() + DocumentDuration.parse(action.retryFor()).toMillis();
      while (!last.passed() && Workflow.currentTimeMillis() < deadline) {
        Workflow.sleep(HTTP_RETRY_INTERVAL);
        attempts++;
        last = attempt(action, hostValues);
      }
    }
    procedure.evidence(EvidenceOf.http(last.answer(), host));
    if (attempts == 1) {
      return last.gates();
    }
    String tries = " (attempt " + attempts + " within retryFor " + action.retryFor() + ")";
    return last.gates().stream().map(g -> new GateResult(g.gate(), g.passed(), g.reason() + tries)).toList();
  }

  /** One answer and the gates it passed or failed. */
  private record Attempt(HttpExchange answer, List<GateResult> gates) {

    boolean passed() {
      return gates.stream().allMatch(GateResult::passed);
    }
  }

  private Attempt attempt(HttpAction action, Map<String, String> hostValues) {
    String url = TextTemplate.url(action.url(), values, hostValues);
    HttpExchange answer = stubs.quick(HttpRequests.class).httpRequest(action.method(), url,
        TextTemplate.text(action.body(), values));
    List<GateResult> gates = new ArrayList<>();
    String what = action.method() + " " + url;
    if (answer.status() == 0) {
      gates.add(GateResult.fail("http", what + ": no answer (" + answer.error() + ")"));
      return new Attempt(answer, gates);
    }
    gates.add(answer.status() == action.expectStatus()
        ? GateResult.pass("http", what + " → HTTP " + answer.status())
        : GateResult.fail("http", what + " → HTTP " + answer.status() + ", expected " + action.expectStatus()));
    if (action.expectJson() != null) {
      gates.add(jsonField(action.expectJson(), answer, what));
    }
    return new Attempt(answer, gates);
  }

  private static GateResult jsonField(HttpAction.JsonExpectation expected, HttpExchange answer, String what) {
    JsonNode body;
    try {
      body = JSON.readTree(answer.bodyTail());
    } catch (IOException e) {
      return GateResult.fail("http", what + ": the answer is not JSON (or longer than the 2 KB kept of it)");
    }
    JsonNode field = body == null ? null : body.at(expected.pointer());
    if (field == null || field.isMissingNode()) {
      return GateResult.fail("http", what + ": no field " + expected.pointer() + " in the answer");
    }
    String actual = field.isValueNode() ? field.asText() : field.toString();
    return actual.equals(expected.equals())
        ? GateResult.pass("http", what + ": " + expected.pointer() + " = " + actual)
        : GateResult.fail("http", what + ": " + expected.pointer() + " = " + actual + ", expected " + expected.equals());
  }

  /** {@code approve}: waits for the {@code approve} update; no answer in time means what {@code onTimeout} says. */
  private void approve(ApproveAction action, Step label) {
    Duration timeout = DocumentDuration.parse(action.timeout());
    approvals.open();
    String ask = "waiting for the approve update (" + (action.prompt().isEmpty() ? label.label() : action.prompt())
        + "): {\"decision\":\"approve\" or \"reject\",\"approver\":...,\"reason\":...}; without an answer in "
        + action.timeout() + " it counts as " + (action.onTimeout().equals(ApproveAction.APPROVE) ? "approved" : "rejected");
    procedure.waitingFor(ask);
    // Sent once the update is accepted, so whoever reads it can answer at once; best effort: the wait is the gate.
    procedure.evidence(new TeamNotifier(env, stubs).sendBestEffort(Notice.WARNING, "Runbook "
        + loaded.document().name() + " on " + env.name() + ": approval needed for " + label.label(), ask).evidence());
    try {
      SummarisedWait.await(timeout, label.label() + ": waiting for approve", approvals::decided);
    } finally {
      procedure.waitingFor("");
    }
    StepApproval answer = approvals.close().orElse(null);
    if (answer == null) {
      boolean approved = action.onTimeout().equals(ApproveAction.APPROVE);
      procedure.check(approved
          ? GateResult.pass("approval", "no answer within " + action.timeout() + ": approved by its onTimeout")
          : GateResult.fail("approval", "no answer within " + action.timeout() + ": rejected by its onTimeout"));
      return;
    }
    procedure.evidence(Evidence.note("", "approve update", answer.decision(),
        Map.of("approver", answer.approver(), "reason", answer.reason())));
    procedure.check(answer.rollsBack()
        ? GateResult.fail("approval", "rejected by " + answer.approver() + ": " + answer.reason())
        : GateResult.pass("approval", "approved by " + answer.approver() + ": " + answer.reason()));
  }

  /**
   * {@code incidents}: the environment's incidents from the server's visibility, as evidence; with
   * {@code max}, a gate on their count. The cut-off is the workflow's clock, so a replay asks the same.
   */
  private void incidents(IncidentsAction action) {
    long openedAfter = action.openedWithin().isEmpty() ? 0
        : Workflow.currentTimeMillis() - DocumentDuration.parse(action.openedWithin()).toMillis();
    IncidentHistory history = stubs.quick(IncidentHistoryActivities.class)
        .incidentHistory(new IncidentHistoryQuery(env.name(), openedAfter, action.stillOpen()));
    List<String> lines = history.incidents().stream().map(DocumentRun::incidentLine).toList();
    String count = history.incidents().size() + (history.truncated() ? " or more" : "");
    String what = count + " incident(s) of " + env.name() + " " + action.describe();
    Map<String, String> observed = new LinkedHashMap<>();
    observed.put("source", history.source());
    observed.put("incidents", lines.isEmpty() ? "none" : String.join("\n", lines));
    procedure.evidence(Evidence.note("", "incidents " + action.describe(), count + " found", observed));
    String listed = lines.isEmpty() ? "" : ": " + String.join("; ", lines);
    if (action.max() == null) {
      procedure.check(GateResult.pass("incidents", what + " (evidence)" + listed));
    } else if (history.incidents().size() > action.max() || history.truncated()) {
      procedure.check(GateResult.fail("incidents", what + ", at most " + action.max() + " allowed" + listed));
    } else {
      procedure.check(GateResult.pass("incidents", what + ", at most " + action.max() + " allowed" + listed));
    }
  }

  private static String incidentLine(IncidentSummary incident) {
    return incident.key() + " (" + incident.type() + (incident.severity().isEmpty() ? "" : ", " + incident.severity())
        + ", " + incident.status() + ", opened " + java.time.Instant.ofEpochMilli(incident.startedAt()) + ")";
  }

  /**
   * {@code prometheus}: one instant query and its limits. Returns false when the step is not
   * checked because the environment configures no Prometheus: recorded as SKIPPED with the reason,
   * never as passed, and named in the run's message.
   */
  private boolean prometheus(PrometheusAction action, Step label) {
    String url = env.incident().prometheusUrl().isEmpty() ? env.watch().prometheusUrl() : env.incident().prometheusUrl();
    String query = switch (action.metric()) {
      case PrometheusAction.ERROR_RATE -> env.watch().errorRateQuery();
      case PrometheusAction.P95 -> env.watch().p95Query();
      default -> action.query();
    };
    if (url.isEmpty()) {
      String why = "not checked: environment " + env.name() + " configures no Prometheus (incident.prometheusUrl or"
          + " watch.prometheusUrl in its environment file)";
      procedure.skipCurrent(why);
      notChecked.add(label.label() + " (" + why + ")");
      return false;
    }
    MetricReading reading = stubs.quick(MetricsActivities.class).instantQuery(url, query);
    procedure.evidence(Evidence.note("", "prometheus " + query, reading.found() ? String.valueOf(reading.value())
        : "no series", Map.of("prometheus", url, "series", String.valueOf(reading.seriesCount()))));
    // No value is a failure, not a pass: the title promises a judged number.
    procedure.check(!reading.found() || Double.isNaN(reading.value())
        ? GateResult.fail(MetricLimits.GATE, query + " has no value (" + (reading.found() ? "NaN: no traffic in its"
            + " window" : "no series matched") + "): nothing to judge")
        : MetricLimits.judge(query, reading.value(), action.unit(), action.min(), action.max()));
    return true;
  }

  /**
   * {@code note}: waits for the {@code note} update (who and the text) and records it as the step's
   * evidence. Returns false when no note came in time and {@code onTimeout: skip}: recorded as not
   * checked; with {@code onTimeout: fail} (the default) the step fails.
   */
  private boolean note(NoteAction action, Step label) {
    Duration timeout = DocumentDuration.parse(action.timeout());
    boolean skip = action.onTimeout().equals(NoteAction.SKIP);
    notes.open();
    String ask = "waiting for the note update (" + (action.prompt().isEmpty() ? label.label() : action.prompt())
        + "): {\"author\":...,\"text\":...}; without a note in " + action.timeout() + " the step "
        + (skip ? "is recorded as not checked" : "fails");
    procedure.waitingFor(ask);
    // Best effort, as for approve: the wait is what matters, the notice only tells someone to write.
    procedure.evidence(new TeamNotifier(env, stubs).sendBestEffort(Notice.INFO, "Runbook "
        + loaded.document().name() + " on " + env.name() + ": note needed for " + label.label(), ask).evidence());
    try {
      SummarisedWait.await(timeout, label.label() + ": waiting for note", notes::decided);
    } finally {
      procedure.waitingFor("");
    }
    StepNote note = notes.close().orElse(null);
    if (note == null) {
      String why = "no note within " + action.timeout();
      if (skip) {
        procedure.skipCurrent("not checked: " + why + " (onTimeout: skip)");
        notChecked.add(label.label() + " (" + why + ")");
        return false;
      }
      procedure.check(GateResult.fail("note", why + " (onTimeout: fail)"));
    }
    procedure.evidence(Evidence.note("", "note update", "recorded", Map.of("author", note.author(), "text", note.text())));
    procedure.check(GateResult.pass("note", "note from " + note.author() + ": " + note.text()));
    return true;
  }

  /** {@code wait}: a durable timer, for a duration or until an instant (less {@code before}). */
  private void waitFor(WaitAction action, Step label) {
    if (action.until() != null) {
      waitUntil(action, label);
      return;
    }
    Duration duration = DocumentDuration.parse(action.duration());
    procedure.waitingFor("waiting " + action.duration());
    try {
      Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(label.label() + ": wait " + action.duration())
          .build()).get();
    } finally {
      procedure.waitingFor("");
    }
    procedure.check(GateResult.pass("wait", "waited " + action.duration()));
  }

  /**
   * {@code wait: {until, before}}: the instant comes from the step (a parameter, checked by its pattern);
   * one that is not an instant fails the step naming the field. Already past: no timer, said so.
   */
  private void waitUntil(WaitAction action, Step label) {
    String text = TextTemplate.text(action.until(), values);
    Instant until;
    try {
      until = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("wait.until \"" + text + "\" is not an instant like 2026-12-03T10:00:00Z");
    }
    Instant at = action.before().isEmpty() ? until : until.minus(DocumentDuration.parse(action.before()));
    String what = action.before().isEmpty() ? "until " + until : "until " + at + " (" + action.before() + " before " + until + ")";
    Duration left = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), at);
    if (left.isNegative() || left.isZero()) {
      procedure.check(GateResult.pass("wait", "no wait: " + at + " has passed (" + what + ")"));
      return;
    }
    procedure.waitingFor("waiting " + what);
    try {
      Workflow.newTimer(left, TimerOptions.newBuilder().setSummary(label.label() + ": wait " + what).build()).get();
    } finally {
      procedure.waitingFor("");
    }
    procedure.check(GateResult.pass("wait", "waited " + what));
  }

  /** {@code elapsed}: the seconds since the {@code since} step began, against {@code maxSeconds} (an RTO). */
  private void elapsed(DocumentStep step, ElapsedAction action) {
    Long start = began.get(action.since());
    if (start == null) {
      procedure.check(GateResult.fail("elapsed", "step " + action.since() + " did not run: nothing to measure from"));
      return;
    }
    long seconds = (Workflow.currentTimeMillis() - start) / 1000;
    measured.add(step.id() + " " + seconds + " s (at most " + action.maxSeconds() + " s)");
    procedure.evidence(Evidence.note("", "elapsed since " + action.since(), seconds + " s",
        Map.of("seconds", String.valueOf(seconds), "maxSeconds", String.valueOf(action.maxSeconds()))));
    procedure.check(seconds <= action.maxSeconds()
        ? GateResult.pass("elapsed", seconds + " s since step " + action.since() + " began <= " + action.maxSeconds()
            + " s allowed")
        : GateResult.fail("elapsed", seconds + " s since step " + action.since() + " began > " + action.maxSeconds()
            + " s allowed"));
  }

  /** {@code notify}: a required notice; not delivered fails the step. */
  private void notify(NotifyAction action) {
    String title = TextTemplate.text(action.title(), values);
    Delivery delivery = new TeamNotifier(env, stubs).send(action.severity(), title, TextTemplate.text(action.text(), values));
    procedure.evidence(EvidenceOf.delivery(title, delivery));
    procedure.check(GateResult.pass("notify", "delivered to " + String.join(", ", delivery.channels())));
  }

  /**
   * {@code runbook}: the child runs on this environment under this run's id and the step's; its
   * steps are taken into this run's report. What the child changed is the child's to undo (a
   * deployment rolls itself back when it fails): this run's rollback does not undo a child that
   * succeeded.
   */
  private void runChild(DocumentStep step, Step label) {
    ChildAction child = step.child();
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(Workflow.getInfo().getWorkflowId() + "/" + step.id().replace(' ', '-'))
        .setStaticSummary(label.label()).build();
    String environment = env.name();
    io.spacetime.runbook.core.Outcome outcome;
    String message;
    if (child.deployment() != null) {
      DeploymentRequest request = DeploymentRequest.of(environment, TextTemplate.text(child.deployment().version(), values))
          .withWatch(child.deployment().watch());
      DeploymentResult result = Workflow.newChildWorkflowStub(DeploymentWorkflow.class, options).deploy(request);
      procedure.include(result.steps());
      outcome = result.outcome();
      message = result.message();
    } else if (child.rollback() != null) {
      RollbackRequest request = new RollbackRequest(environment, TextTemplate.text(child.rollback().reason(), values),
          TextTemplate.text(child.rollback().toVersion(), values), "runbook:" + loaded.document().name());
      RollbackResult result = Workflow.newChildWorkflowStub(RollbackWorkflow.class, options).rollback(request);
      procedure.include(result.steps());
      outcome = result.outcome();
      message = result.message();
    } else {
      Map<String, String> parameters = new LinkedHashMap<>();
      child.document().parameters().forEach((name, value) -> parameters.put(name, TextTemplate.text(value, values)));
      RunbookResult result = Workflow.newChildWorkflowStub(RunbookWorkflow.class, options)
          .run(new RunbookRequest(child.document().name(), environment, parameters));
      procedure.include(result.steps());
      outcome = result.outcome();
      message = result.message();
    }
    procedure.evidence(Evidence.note("", "child " + options.getWorkflowId(), outcome.name(), Map.of("message", message)));
    procedure.check(outcome == io.spacetime.runbook.core.Outcome.SUCCEEDED
        ? GateResult.pass("child", options.getWorkflowId() + " SUCCEEDED")
        : GateResult.fail("child", options.getWorkflowId() + " " + outcome + ": " + message));
  }

  /** {@code incident}: opens (or joins) the incident of the step's type on this environment. */
  private void openIncident(IncidentAction action, Step label) {
    String key = incidents(label.label()).openOrJoinIncident(incidentRequest(action.type(), action.severity(),
        TextTemplate.text(action.summary().isEmpty() ? label.label() : action.summary(), values)), occurrence(label));
    procedure.evidence(Evidence.note("", "open or join incident " + action.type(), "reported", Map.of("incident", key)));
    procedure.check(GateResult.pass("incident", "reported to " + key));
  }

  /**
   * {@code onFailure: incident}: the failure opens (or joins) the incident of the step's
   * {@code incidentType}, recorded as a step of its own; a report that cannot be made is recorded
   * too and changes nothing else (the failure itself is already in the report).
   */
  private String reportFailure(DocumentStep step, String failure) {
    String alerted = step.alert().isEmpty() ? "" : raiseAlert(step, failure);
    if (step.incidentType().isEmpty()) {
      return alerted;
    }
    return (alerted.isEmpty() ? "" : alerted + ", ") + openIncidentFor(step, failure);
  }

  /**
   * {@code alert}: a critical notice named by the alert ("BACKUP_FAILED: ..."), recorded as a step of its
   * own; one that cannot be delivered is recorded and changes nothing else.
   */
  private String raiseAlert(DocumentStep step, String failure) {
    Step alerting = new Step(step.id(), "Alert " + step.alert() + " for " + step.title());
    String title = step.alert() + ": runbook " + loaded.document().name() + " on " + env.name() + ": " + step.title();
    try {
      Delivery delivery = new TeamNotifier(env, stubs).send(Notice.CRITICAL, title, failure);
      procedure.note(alerting, "", io.spacetime.runbook.core.StepStatus.PASSED, "alert " + step.alert() + " sent",
          List.of(EvidenceOf.delivery(title, delivery)));
      return "alert " + step.alert() + " sent";
    } catch (ActivityFailure e) {
      procedure.note(alerting, "", io.spacetime.runbook.core.StepStatus.FAILED, "alert " + step.alert() + " NOT sent: "
          + Failures.describe(e), List.of());
      return "alert " + step.alert() + " NOT sent: " + Failures.describe(e);
    }
  }

  private String openIncidentFor(DocumentStep step, String failure) {
    Step reporting = new Step(step.id(), "Incident for " + step.title());
    try {
      String key = incidents(reporting.label()).openOrJoinIncident(incidentRequest(step.incidentType(), "", failure),
          occurrence(reporting));
      procedure.note(reporting, "", io.spacetime.runbook.core.StepStatus.PASSED, "reported to " + key,
          List.of(Evidence.note("", "open or join incident " + step.incidentType(), "reported", Map.of("incident", key))));
      return "incident " + key;
    } catch (ActivityFailure e) {
      procedure.note(reporting, "", io.spacetime.runbook.core.StepStatus.FAILED, "incident NOT reported: "
          + Failures.describe(e), List.of());
      return "incident NOT reported: " + Failures.describe(e);
    }
  }

  private IncidentRequest incidentRequest(String type, String severity, String summary) {
    String shown = summary.length() > io.spacetime.runbook.core.InputRules.MAX_REASON_LENGTH
        ? summary.substring(0, io.spacetime.runbook.core.InputRules.MAX_REASON_LENGTH - 1) + "…" : summary;
    return new IncidentRequest(type, env.name(), shown, severity, "runbook:" + loaded.document().name(), "",
        Map.of("runbook", loaded.document().name()), List.of());
  }

  /** The report's episode is this run and step: a retried report is the same episode, counted once. */
  private AlertOccurrence occurrence(Step step) {
    return new AlertOccurrence(AlertOccurrence.FIRING, "", Workflow.getInfo().getRunId() + "/" + step.id(),
        step.label(), "runbook:" + loaded.document().name(), Map.of(), "");
  }

  private IncidentOpening incidents(String summary) {
    return stubs.summarisedAs(summary).quick(IncidentOpening.class);
  }

  private DocumentCommands commands() {
    return stubs.onHost(DocumentCommands.class);
  }

  /** Ends the run stopped by {@code e}: undone when {@code onFailure} is rollback (or on cancel), left as it is on abort. */
  private RunbookResult stopped(RuntimeException e, String onFailure) {
    return stoppedAt(cancelled() ? "cancelled" : describe(e), onFailure);
  }

  private RunbookResult stoppedAt(String why, String onFailure) {
    boolean cancelled = cancelled();
    if (!procedure.changedAnything()) {
      return finish(cancelled ? Outcome.CANCELLED : Outcome.ABORTED, "stopped at " + why + "; nothing was changed");
    }
    if (!cancelled && onFailure.equals(DocumentStep.ABORT)) {
      return finish(Outcome.ABORTED, "stopped at " + why + "; onFailure is abort: the changes of earlier steps are"
          + " left in place");
    }
    boolean undone = procedure.rollBack();
    if (!undone) {
      return finish(Outcome.ROLLBACK_FAILED, "stopped at " + why + "; ROLLBACK FAILED, a person must act now: "
          + procedure.failedUndos());
    }
    return finish(cancelled ? Outcome.CANCELLED : Outcome.ROLLED_BACK, "stopped at " + why
        + "; every change was undone in reverse order");
  }

  /** The failed step's label and why; closes the step that was running. */
  private String describe(RuntimeException e) {
    String running = procedure.currentStep();
    if (e instanceof GateFailure gate) {
      return gate.getMessage();
    }
    // A child's failure wraps the child's own reason (its invalid input, say): show that one.
    String reason = Failures.describe(e instanceof ChildWorkflowFailure child && child.getCause() != null ? child.getCause() : e);
    procedure.failCurrent(reason);
    return running.isEmpty() ? reason : running + ": " + reason;
  }

  private static boolean cancelled() {
    return CancellationScope.current().isCancelRequested();
  }

  private RunbookResult finish(Outcome outcome, String message) {
    String name = loaded == null ? request.runbook() : loaded.document().name();
    String title = "Runbook " + name + " on " + request.environment();
    String report = procedure.finish(outcome, title, message);
    return new RunbookResult(outcome, name, request.environment(), loaded == null ? "" : loaded.sha256(), message, report,
        procedure.resultSteps());
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
