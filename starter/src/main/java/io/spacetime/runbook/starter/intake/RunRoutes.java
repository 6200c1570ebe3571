package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.spacetime.runbook.deployment.RollbackDecision;
import io.spacetime.runbook.deployment.RolloutApproval;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.document.RunbookWorkflow;
import io.spacetime.runbook.document.StepApproval;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.starter.client.NoAnswerException;
import io.spacetime.runbook.starter.client.RunStarted;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release automation on the intake: start a deployment, an Emergency Rollback or a runbook
 * document (once per {@code Idempotency-Key}), read a run (long-polling with {@code ?wait=} until it closes), abort or
 * approve it, or answer its watch window's "consider rollback". A run is named by its workflow id, as the CLI prints it.
 */
final class RunRoutes {

  static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private static final String RUN_ID_EXPECTED = "a run id like deploy-production-v2.5.0-20251202-101500-1a2b";
  private static final Pattern WAIT = Pattern.compile("([0-9]{1,4})(ms|s|m)");
  private static final Set<String> RUNBOOKS = Set.of(DeploymentWorkflow.TYPE, RollbackWorkflow.TYPE, RunbookWorkflow.TYPE);

  private final RunbookClient client;
  private final Duration maxWait;

  RunRoutes(RunbookClient client, IntakeSettings settings) {
    this.client = client;
    this.maxWait = settings.maxWait();
  }

  void register(IntakeServer.Routes routes) {
    routes.post("/v1/deployments", this::deploy);
    routes.post("/v1/rollbacks", this::rollback);
    routes.post("/v1/runbook-runs", this::runDocument);
    routes.get("/v1/runs/{id}", this::show);
    routes.get("/v1/runs/{id}/report", this::report);
    routes.post("/v1/runs/{id}/abort", this::abort);
    routes.post("/v1/runs/{id}/approve", this::approve);
    routes.post("/v1/runs/{id}/decide", this::decide);
    routes.post("/v1/runs/{id}/continue", this::continueRollout);
  }

  private void deploy(Exchange http) {
    http.onlyQuery();
    String key = http.idempotencyKey();
    DeploymentRequest request = http.body(DeploymentRequest.class, DeploymentRequest::validate);
    started(http, key == null
        ? new RunStarted(client.startDeployment(request), "") : client.startDeployment(request, key));
  }

  private void rollback(Exchange http) {
    http.onlyQuery();
    String key = http.idempotencyKey();
    RollbackRequest request = http.body(RollbackRequest.class, RollbackRequest::validate);
    started(http, key == null ? new RunStarted(client.startRollback(request), "") : client.startRollback(request, key));
  }

  /** A runbook document, with the Web UI's input: {@code {"runbook":..., "environment":..., "parameters":{...}}}. */
  private void runDocument(Exchange http) {
    http.onlyQuery();
    String key = http.idempotencyKey();
    RunbookRequest request = http.body(RunbookRequest.class, RunbookRequest::validate);
    started(http, key == null ? new RunStarted(client.startDocument(request), "") : client.startDocument(request, key));
  }

  private void started(Exchange http, RunStarted run) {
    http.logRun(run.workflowId());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("run", run.workflowId());
    if (!run.runId().isEmpty()) {
      answer.put("runId", run.runId());
    }
    answer.put("links", links(run.workflowId()));
    http.json(202, answer);
  }

  /**
   * The run's state; with {@code ?wait=30s} the answer waits until the run closes or the wait
   * ends (at most the intake's limit), without holding a server thread meanwhile.
   */
  private void show(Exchange http) {
    http.onlyQuery("wait");
    String id = runId(http);
    Duration wait = waitOf(http.query("wait"));
    WorkflowExecutionDescription first = describeRunbook(id);
    if (wait.isZero() || first.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      http.json(200, view(id, first));
      return;
    }
    CompletableFuture<Void> closed = client.closedOrWaited(id, wait);
    http.ctx().future(() -> closed.thenRun(() -> http.json(200, view(id, client.describe(id)))));
  }

  private void report(Exchange http) {
    http.onlyQuery();
    String id = runId(http);
    WorkflowExecutionDescription run = describeRunbook(id);
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      http.markdown(switch (run.getWorkflowType()) {
        case DeploymentWorkflow.TYPE -> result(id, DeploymentResult.class).report();
        case RunbookWorkflow.TYPE -> result(id, RunbookResult.class).report();
        default -> result(id, RollbackResult.class).report();
      });
    } else {
      http.markdown(client.report(id));
    }
  }

  private void abort(Exchange http) {
    http.onlyQuery();
    String id = runId(http);
    AbortRequest reason = http.body(AbortRequest.class, AbortRequest::validate);
    requireRunning(describeRunbook(id), "abort");
    client.abort(id, reason.reason());
    http.json(202, Map.of("run", id, "abort", "sent; the run rolls back what it changed", "links", links(id)));
  }

  /**
   * An emergency deployment's approval ({@code {"approver":...,"reason":...}}), or a document's
   * approve step ({@code {"decision":"approve"|"reject","approver":...,"reason":...}}): the run's
   * type says which body it takes.
   */
  private void approve(Exchange http) {
    http.onlyQuery();
    String id = runId(http);
    WorkflowExecutionDescription run = describeRunbook(id);
    if (RunbookWorkflow.TYPE.equals(run.getWorkflowType())) {
      StepApproval approval = http.body(StepApproval.class, StepApproval::validate);
      requireRunning(run, "approve");
      http.json(200, Map.of("run", id, "approved", client.approveStep(id, approval), "links", links(id)));
      return;
    }
    EmergencyApproval approval = http.body(EmergencyApproval.class, EmergencyApproval::validate);
    requireRunning(run, "approve");
    http.json(200, Map.of("run", id, "approved", client.approve(id, approval), "links", links(id)));
  }

  /** The watch window's "consider rollback": {@code {"decision":"keep"|"rollback","approver":...,"reason":...}}. */
  private void decide(Exchange http) {
    http.onlyQuery();
    String id = runId(http);
    RollbackDecision decision = http.body(RollbackDecision.class, RollbackDecision::validate);
    answerDeployment(http, id, "decide", "a deployment's watch window asks a decision", run -> client.decide(run, decision));
  }

  /** A rollout's approval pause: {@code {"decision":"continue"|"rollback","approver":...,"reason":...}}. */
  private void continueRollout(Exchange http) {
    http.onlyQuery();
    String id = runId(http);
    RolloutApproval approval = http.body(RolloutApproval.class, RolloutApproval::validate);
    answerDeployment(http, id, "continue", "a deployment's rollout waits for approval",
        run -> client.continueRollout(run, approval));
  }

  /** Sends a running deployment a person's answer (already validated), refusing other runs with {@code only}. */
  private void answerDeployment(Exchange http, String id, String action, String only,
      java.util.function.UnaryOperator<String> send) {
    WorkflowExecutionDescription run = describeRunbook(id);
    if (!DeploymentWorkflow.TYPE.equals(run.getWorkflowType())) {
      throw ApiError.notFound("run " + id + " is an Emergency Rollback; only " + only);
    }
    requireRunning(run, action);
    http.json(200, Map.of("run", id, "decided", send.apply(id), "links", links(id)));
  }

  /** What a CI job needs: state, where it is, how it ended and the exit code the CLI would give. */
  private Map<String, Object> view(String id, WorkflowExecutionDescription run) {
    Map<String, Object> view = new LinkedHashMap<>();
    WorkflowExecutionStatus status = run.getStatus();
    view.put("run", id);
    view.put("type", run.getWorkflowType());
    view.put("state", status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> progress(id, view);
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        Outcome outcome;
        String message;
        if (DeploymentWorkflow.TYPE.equals(run.getWorkflowType())) {
          DeploymentResult result = result(id, DeploymentResult.class);
          outcome = result.outcome();
          message = result.message();
        } else if (RunbookWorkflow.TYPE.equals(run.getWorkflowType())) {
          RunbookResult result = result(id, RunbookResult.class);
          outcome = result.outcome();
          message = result.message();
        } else {
          RollbackResult result = result(id, RollbackResult.class);
          outcome = result.outcome();
          message = result.message();
        }
        view.put("outcome", outcome.name());
        view.put("message", message);
        view.put("exitCode", outcome.exitCode());
      }
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> {
        // Cancelled from the Web UI or by abort: the rollback ran; the progress query has how it ended.
        Outcome outcome = progress(id, view);
        outcome = outcome == null ? Outcome.CANCELLED : outcome;
        view.put("outcome", outcome.name());
        view.put("exitCode", outcome.exitCode());
      }
      default -> {
        view.put("message", failure(id));
        view.put("exitCode", 1);
      }
    }
    view.put("links", links(id));
    return view;
  }

  private Outcome progress(String id, Map<String, Object> view) {
    try {
      Progress progress = client.progress(id);
      view.put("currentStep", progress.currentStep());
      view.put("waitingFor", progress.waitingFor());
      view.put("stepsDone", progress.steps().size());
      return progress.outcome();
    } catch (NoAnswerException e) {
      view.put("progress", e.getMessage());
      return null;
    }
  }

  private <R> R result(String id, Class<R> type) {
    try {
      return client.result(id, type, Duration.ofSeconds(10));
    } catch (TimeoutException e) {
      throw new IllegalStateException("the closed run " + id + " gave no result within 10 s", e);
    }
  }

  /** Why a run failed (an invalid input, a bug): the failure's own message. */
  private String failure(String id) {
    try {
      client.result(id, Object.class, Duration.ofSeconds(10));
      return "";
    } catch (WorkflowFailedException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof ApplicationFailure failure) {
          return failure.getOriginalMessage();
        }
      }
      return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    } catch (TimeoutException | RuntimeException e) {
      return e.getMessage();
    }
  }

  private WorkflowExecutionDescription describeRunbook(String id) {
    WorkflowExecutionDescription run = client.describe(id);
    if (!RUNBOOKS.contains(run.getWorkflowType())) {
      throw ApiError.notFound("no deployment, rollback or runbook document run " + id + " (it is a "
          + run.getWorkflowType() + ")");
    }
    return run;
  }

  private static void requireRunning(WorkflowExecutionDescription run, String action) {
    if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new ApiError(409, "run " + run.getExecution().getWorkflowId() + " is "
          + run.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "") + "; there is nothing to " + action, "id");
    }
  }

  private String runId(Exchange http) {
    String id = http.pathParam("id", RUN_ID, RUN_ID_EXPECTED);
    http.logRun(id);
    return id;
  }

  private Duration waitOf(String text) {
    if (text.isEmpty()) {
      return Duration.ZERO;
    }
    Matcher m = WAIT.matcher(text);
    if (!m.matches()) {
      throw ApiError.badRequest("wait \"" + InputRules.printable(text) + "\" is not a duration like 30s, 500ms or 1m",
          "wait");
    }
    long n = Long.parseLong(m.group(1));
    Duration wait = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
    if (wait.compareTo(maxWait) > 0) {
      throw ApiError.badRequest("wait " + text + " is longer than this intake waits (" + maxWait.toSeconds()
          + "s); ask again when it ends", "wait");
    }
    return wait;
  }

  /** {@code {"reason":"wrong release"}}: why the run is stopped, recorded in its report. */
  record AbortRequest(String reason) {

    void validate() {
      InputRules.check().text("reason", reason, true).orThrow("abort");
    }
  }

  private static Map<String, String> links(String id) {
    return Map.of("self", "/v1/runs/" + id, "report", "/v1/runs/" + id + "/report");
  }
}
