package io.spacetime.runbook.starter.client;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.RunbookSearchAttributes;
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
import io.spacetime.runbook.document.StepNote;
import io.spacetime.runbook.incident.Acknowledgement;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.Decision;
import io.spacetime.runbook.incident.EscalationRequest;
import io.spacetime.runbook.incident.IncidentIndexWorkflow;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.incident.Note;
import io.spacetime.runbook.incident.Resolution;
import io.spacetime.runbook.incident.SeverityChange;
import io.spacetime.runbook.incident.TimelineEvent;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starting and steering runbook workflows, for the CLI and the HTTP intake. Inputs are validated
 * here first, so a typo is answered before anything reaches Temporal; the workflow validates again
 * because the Web UI bypasses this class. Queries and updates are bounded ({@link #QUERY_TIMEOUT},
 * {@link #UPDATE_TIMEOUT}): with no worker running they fail with {@link NoAnswerException}
 * instead of hanging.
 *
 * <p>Incidents are keyed ({@link IncidentKey}): a report opens the incident or joins the open one
 * by signal-with-start, which the server accepts even while no worker runs.
 */
public final class RunbookClient {

  /** How long a query waits for a worker's answer. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
  /** How long an update waits for a worker to validate and apply it. */
  public static final Duration UPDATE_TIMEOUT = Duration.ofSeconds(15);
  /** The memo field holding a fingerprint of the request an Idempotency-Key started. */
  static final String REQUEST_MEMO = "request";

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final WorkflowClient client;
  private final String taskQueue;
  private final Clock clock;

  public RunbookClient(TemporalConnection connection) {
    this(connection.client(), connection.settings().taskQueue(), Clock.systemUTC());
  }

  public RunbookClient(WorkflowClient client, String taskQueue, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.clock = clock;
  }

  /** Starts a deployment and returns its workflow id; the run goes on without this process. */
  public String startDeployment(DeploymentRequest request) {
    request.validate();
    String id = "deploy-" + request.environment() + "-" + request.version() + "-" + idSuffix();
    DeploymentWorkflow workflow = client.newWorkflowStub(DeploymentWorkflow.class,
        options(id, deploymentSummary(request), RunbookDetails.deployment(request)));
    WorkflowClient.start(workflow::deploy, request);
    return id;
  }

  /**
   * Starts a deployment once per {@code idempotencyKey}: a retry with the same key and request
   * returns the same run, running or closed; the same key with another request is refused
   * ({@link IdempotencyKeyReusedException}) and starts nothing.
   */
  public RunStarted startDeployment(DeploymentRequest request, String idempotencyKey) {
    request.validate();
    String id = "deploy-" + request.environment() + "-" + request.version() + "-" + keyHash(idempotencyKey);
    DeploymentWorkflow workflow = client.newWorkflowStub(DeploymentWorkflow.class,
        idempotentOptions(id, deploymentSummary(request), RunbookDetails.deployment(request), request));
    return startOnce(id, request, () -> WorkflowClient.start(workflow::deploy, request));
  }

  /** The Emergency Rollback Procedure once per {@code idempotencyKey}, as {@link #startDeployment(DeploymentRequest, String)}. */
  public RunStarted startRollback(RollbackRequest request, String idempotencyKey) {
    request.validate();
    String id = "rollback-" + request.environment() + "-" + keyHash(idempotencyKey);
    RollbackWorkflow workflow = client.newWorkflowStub(RollbackWorkflow.class,
        idempotentOptions(id, rollbackSummary(request), RunbookDetails.rollback(request), request));
    return startOnce(id, request, () -> WorkflowClient.start(workflow::rollback, request));
  }

  /** Starts the Emergency Rollback Procedure and returns its workflow id. */
  public String startRollback(RollbackRequest request) {
    request.validate();
    String id = "rollback-" + request.environment() + "-" + idSuffix();
    RollbackWorkflow workflow = client.newWorkflowStub(RollbackWorkflow.class,
        options(id, rollbackSummary(request), RunbookDetails.rollback(request)));
    WorkflowClient.start(workflow::rollback, request);
    return id;
  }

  /** Starts a runbook document ({@code runbooks/<name>.yaml}, read by the worker) and returns its workflow id. */
  public String startDocument(RunbookRequest request) {
    request.validate();
    String id = "runbook-" + request.runbook() + "-" + request.environment() + "-" + idSuffix();
    RunbookWorkflow workflow = client.newWorkflowStub(RunbookWorkflow.class,
        options(id, "Runbook " + request.runbook() + " on " + request.environment(), RunbookDetails.document(request)));
    WorkflowClient.start(workflow::run, request);
    return id;
  }

  /** A runbook document once per {@code idempotencyKey}, as {@link #startDeployment(DeploymentRequest, String)}. */
  public RunStarted startDocument(RunbookRequest request, String idempotencyKey) {
    request.validate();
    String id = "runbook-" + request.runbook() + "-" + request.environment() + "-" + keyHash(idempotencyKey);
    RunbookWorkflow workflow = client.newWorkflowStub(RunbookWorkflow.class, idempotentOptions(id,
        "Runbook " + request.runbook() + " on " + request.environment(), RunbookDetails.document(request), request));
    return startOnce(id, request, () -> WorkflowClient.start(workflow::run, request));
  }

  public CompletableFuture<RunbookResult> documentResultAsync(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResultAsync(RunbookResult.class);
  }

  /** Answers a document's approve step; the workflow's validator answers bad or unexpected ones. */
  public String approveStep(String workflowId, StepApproval approval) {
    approval.validate();
    RunbookWorkflow run = client.newWorkflowStub(RunbookWorkflow.class, workflowId);
    return update(workflowId, "approve", () -> run.approve(approval));
  }

  /** Answers a document's note step (handoff notes); the workflow's validator answers bad or unexpected ones. */
  public String noteStep(String workflowId, StepNote note) {
    note.validate();
    RunbookWorkflow run = client.newWorkflowStub(RunbookWorkflow.class, workflowId);
    return update(workflowId, "note", () -> run.note(note));
  }

  /** The {@code progress} query of a running (or finished) runbook workflow. */
  public Progress progress(String workflowId) {
    return query(workflowId, "progress query", () -> untyped(workflowId).query("progress", Progress.class));
  }

  /** The {@code report} query: the run's steps as Markdown, as far as it got. */
  public String report(String workflowId) {
    return query(workflowId, "report query", () -> untyped(workflowId).query("report", String.class));
  }

  /**
   * Every step with its evidence, from the {@code report} query (a worker answers it after the run
   * has closed too): a run's result holds only a summary bounded for any fleet, whose footer sends
   * the reader here. Without a worker, {@code summary}, saying what is missing.
   */
  public String fullReport(String workflowId, String summary) {
    try {
      return report(workflowId);
    } catch (NoAnswerException e) {
      return summary + "\n(" + e.getMessage() + "; above is the result's summary: the full report needs a worker"
          + " on the task queue to answer the report query)";
    }
  }

  /**
   * Completes when the run closes (however it ends) or when {@code wait} has passed, whichever
   * comes first; never exceptionally. The caller then reads how it stands.
   */
  public CompletableFuture<Void> closedOrWaited(String workflowId, Duration wait) {
    return untyped(workflowId).getResultAsync(wait.toMillis(), TimeUnit.MILLISECONDS, Object.class)
        .handle((result, failure) -> null);
  }

  public WorkflowExecutionDescription describe(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty()).describe();
  }

  public boolean isRunning(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** Blocks until the run ends, up to {@code timeout}. */
  public <R> R result(String workflowId, Class<R> resultType, Duration timeout) throws java.util.concurrent.TimeoutException {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResult(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, resultType);
  }

  /** The deployment's result when it ends, for {@link ProgressPrinter#follow}. */
  public CompletableFuture<DeploymentResult> deploymentResultAsync(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResultAsync(DeploymentResult.class);
  }

  public CompletableFuture<RollbackResult> rollbackResultAsync(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResultAsync(RollbackResult.class);
  }

  public DeploymentResult deploymentResult(String workflowId, Duration timeout) throws java.util.concurrent.TimeoutException {
    return result(workflowId, DeploymentResult.class, timeout);
  }

  public RollbackResult rollbackResult(String workflowId, Duration timeout) throws java.util.concurrent.TimeoutException {
    return result(workflowId, RollbackResult.class, timeout);
  }

  /** Sends the emergency approval; the workflow's validator answers bad or unexpected approvals. */
  public String approve(String workflowId, EmergencyApproval approval) {
    approval.validate();
    DeploymentWorkflow deployment = client.newWorkflowStub(DeploymentWorkflow.class, workflowId);
    return update(workflowId, "approveEmergency", () -> deployment.approveEmergency(approval));
  }

  /** Answers the watch window's "consider rollback"; the workflow's validator answers bad or unexpected ones. */
  public String decide(String workflowId, RollbackDecision decision) {
    decision.validate();
    DeploymentWorkflow deployment = client.newWorkflowStub(DeploymentWorkflow.class, workflowId);
    return update(workflowId, "decideRollback", () -> deployment.decideRollback(decision));
  }

  /** Answers a rollout's approval pause; the workflow's validator answers bad or unexpected ones. */
  public String continueRollout(String workflowId, RolloutApproval approval) {
    approval.validate();
    DeploymentWorkflow deployment = client.newWorkflowStub(DeploymentWorkflow.class, workflowId);
    return update(workflowId, "continueRollout", () -> deployment.continueRollout(approval));
  }

  /**
   * Stops a run and rolls back what it changed: the deployment's {@code abort} signal (which records
   * the reason), plain cancellation for other runbooks.
   */
  public void abort(String workflowId, String reason) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    String type = stub.describe().getWorkflowType();
    if (DeploymentWorkflow.TYPE.equals(type)) {
      stub.signal("abort", reason);
    } else {
      stub.cancel(reason);
    }
  }

  // --- Incidents (RUNBOOK_INCIDENTS.md) ---------------------------------------------------------

  /**
   * Opens the incident {@code request} names, or joins the open one with the same key, and
   * delivers {@code occurrence} to it: one signal-with-start, accepted by the server even while no
   * worker runs (the workflow starts when one does). A closed incident's key starts a new run.
   */
  public IncidentOpened reportIncident(IncidentRequest request, AlertOccurrence occurrence) {
    request.validate();
    occurrence.validate();
    String key = IncidentKey.of(request);
    IncidentWorkflow workflow = client.newWorkflowStub(IncidentWorkflow.class, incidentOptions(key, request));
    BatchRequest signalWithStart = client.newSignalWithStartRequest();
    signalWithStart.add(workflow::respond, request, null);
    signalWithStart.add(workflow::alert, occurrence);
    WorkflowExecution run = client.signalWithStart(signalWithStart);
    return new IncidentOpened(key, run.getRunId());
  }

  /**
   * Records an alert's report (a resolved one, typically) on the open incident {@code key}, never
   * starting one: a resolved alert whose incident is closed is history, not a new incident.
   * Returns false when no incident with that key is open.
   */
  public boolean reportToOpenIncident(String key, AlertOccurrence occurrence) {
    occurrence.validate();
    try {
      client.newWorkflowStub(IncidentWorkflow.class, key).alert(occurrence);
      return true;
    } catch (RuntimeException e) {
      if (OpenIncidentSearch.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  public IncidentState acknowledgeIncident(String key, Acknowledgement acknowledgement) {
    acknowledgement.validate();
    return incidentUpdate(key, "acknowledge", incident -> incident.acknowledge(acknowledgement));
  }

  public IncidentState addIncidentNote(String key, Note note) {
    note.validate();
    return incidentUpdate(key, "addNote", incident -> incident.addNote(note));
  }

  public IncidentState setIncidentSeverity(String key, SeverityChange change) {
    change.validate();
    return incidentUpdate(key, "setSeverity", incident -> incident.setSeverity(change));
  }

  public IncidentState approveIncidentAction(String key, Decision decision) {
    decision.validate();
    return incidentUpdate(key, "approve", incident -> incident.approve(decision));
  }

  public IncidentState rejectIncidentAction(String key, Decision decision) {
    decision.validate();
    return incidentUpdate(key, "reject", incident -> incident.reject(decision));
  }

  public IncidentState escalateIncident(String key, EscalationRequest request) {
    request.validate();
    return incidentUpdate(key, "escalateNow", incident -> incident.escalateNow(request));
  }

  public IncidentState resolveIncident(String key, Resolution resolution) {
    resolution.validate();
    return incidentUpdate(key, "resolve", incident -> incident.resolve(resolution));
  }

  public IncidentState incidentState(String key) {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, key);
    return query(key, "state query", incident::state);
  }

  public List<TimelineEvent> incidentTimeline(String key) {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, key);
    return query(key, "timeline query", incident::timeline);
  }

  /** The post-mortem draft in Markdown, as of now (the runbook's template, the timeline filled). */
  public String postMortem(String key) {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, key);
    return query(key, "postMortem query", incident::postMortem);
  }

  /**
   * The open incidents {@code filter} selects, newest first: a visibility query ({@code
   * WorkflowType='IncidentWorkflow' AND ExecutionStatus='Running'} and the filter's search
   * attributes), or where the server has no visibility, the IncidentIndexWorkflow's {@code open}.
   */
  public OpenIncidents openIncidents(IncidentFilter filter) {
    filter.validate();
    IncidentIndexWorkflow index = client.newWorkflowStub(IncidentIndexWorkflow.class, IncidentIndexWorkflow.WORKFLOW_ID);
    return new OpenIncidentSearch(client).find(filter,
        () -> query(IncidentIndexWorkflow.WORKFLOW_ID, "open query", index::open));
  }

  private IncidentState incidentUpdate(String key, String name, Function<IncidentWorkflow, IncidentState> call) {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, key);
    return update(key, name, () -> call.apply(incident));
  }

  private WorkflowOptions incidentOptions(String key, IncidentRequest request) {
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
        .set(RunbookSearchAttributes.RUNBOOK_TYPE, IncidentWorkflow.TYPE)
        .set(RunbookSearchAttributes.ENVIRONMENT, request.environment())
        .set(RunbookSearchAttributes.INCIDENT_TYPE, request.type());
    if (!request.severity().isEmpty()) {
      attributes.set(RunbookSearchAttributes.SEVERITY, request.severity());
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(key)
        .setTaskQueue(taskQueue)
        // One open incident per key: a report while it is open joins it; after it closed, a new run.
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(attributes.build())
        .setMemo(Map.of(OpenIncidentSearch.SUMMARY_MEMO, request.summary()))
        .setStaticSummary(request.incidentType().runbookTitle() + " in " + request.environment())
        .setStaticDetails(RunbookDetails.incident(request))
        .build();
  }

  // --- Bounded calls ----------------------------------------------------------------------------

  private <T> T query(String workflowId, String what, Supplier<T> call) {
    try {
      return BoundedCalls.within(QUERY_TIMEOUT, call);
    } catch (TimeoutException e) {
      throw new NoAnswerException(workflowId, what, QUERY_TIMEOUT, taskQueue);
    }
  }

  /** An update with the workflow's rejection as {@link UpdateRejectedException} and a deadline. */
  private <T> T update(String workflowId, String name, Supplier<T> call) {
    try {
      return BoundedCalls.within(UPDATE_TIMEOUT, call);
    } catch (TimeoutException e) {
      throw new NoAnswerException(workflowId, name + " update", UPDATE_TIMEOUT, taskQueue);
    } catch (WorkflowUpdateException e) {
      throw new UpdateRejectedException(workflowId, name, rejection(e));
    }
  }

  private static String rejection(WorkflowUpdateException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
    }
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }

  private WorkflowStub untyped(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
  }

  // --- Idempotent starts ------------------------------------------------------------------------

  /**
   * Starts the run or finds the one the key already started (running: the conflict policy uses it;
   * closed: the reuse policy refuses a second), then checks it was started with this request.
   */
  private RunStarted startOnce(String id, Object request, Runnable start) {
    try {
      start.run();
    } catch (WorkflowExecutionAlreadyStarted closedBefore) {
      // The key's run already ended: a retry gets that run, never a second one.
    }
    WorkflowExecutionDescription run = describe(id);
    Object startedWith = run.getMemo(REQUEST_MEMO, String.class);
    if (!requestFingerprint(request).equals(startedWith)) {
      throw new IdempotencyKeyReusedException(id);
    }
    return new RunStarted(id, run.getExecution().getRunId());
  }

  private WorkflowOptions idempotentOptions(String id, String summary, String details, Object request) {
    return WorkflowOptions.newBuilder(options(id, summary, details))
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setMemo(Map.of(REQUEST_MEMO, requestFingerprint(request)))
        .build();
  }

  /** Printable ASCII, 1-255 characters (what HTTP clients send as a header value). */
  public static void checkIdempotencyKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new InvalidInputException("Idempotency-Key is 1-255 printable ASCII characters (a UUID, or the CI"
          + " pipeline's id and job name)");
    }
  }

  /** Sixteen hex digits of the key's SHA-256: the key itself may be anything printable, an id may not. */
  private static String keyHash(String idempotencyKey) {
    checkIdempotencyKey(idempotencyKey);
    return sha256(idempotencyKey).substring(0, 16);
  }

  /** Records print every component in order, so equal requests have equal fingerprints. */
  private static String requestFingerprint(Object request) {
    return sha256(request.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String deploymentSummary(DeploymentRequest request) {
    return (request.dryRun() ? "Dry run: deploy " : "Deploy ") + request.version() + " to " + request.environment();
  }

  private static String rollbackSummary(RollbackRequest request) {
    return "Emergency rollback of " + request.environment()
        + (request.toVersion().isEmpty() ? "" : " to " + request.toVersion());
  }

  /** Sortable by start time, and unique even for two starts within one second. */
  private String idSuffix() {
    return ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 4);
  }

  private WorkflowOptions options(String id, String summary, String details) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowExecutionTimeout(Duration.ofHours(24))
        .setStaticSummary(summary)
        .setStaticDetails(details)
        .build();
  }
}
