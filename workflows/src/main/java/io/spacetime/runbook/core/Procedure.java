package io.spacetime.runbook.core;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The plumbing every runbook workflow shares, so the workflow itself reads like the runbook: which
 * step is running, the evidence it saw, its gates, and the rollback points registered by the steps
 * that changed something.
 *
 * <p>Workflow code only: time is workflow time, and rollback runs in a detached cancellation
 * scope so that a cancelled run still undoes what it did. Not thread-safe; a workflow uses it from
 * its own thread (queries only read). Each step that ends is logged as one line carrying the
 * workflow id, so a worker's log can be read next to the run in the Web UI.
 */
public final class Procedure {

  private static final Logger log = Workflow.getLogger(Procedure.class);
  private static final Duration FIRST_UNDO_PAUSE = Duration.ofSeconds(1);
  static final String FULL_REPORT_HINT = "Every step with its evidence: `./runbook status ID --report`"
      + " (the run's `report` query), or the run's page in the Temporal Web UI.";

  private final String runbook;
  private final String environment;
  private final String workflowId = Workflow.getInfo().getWorkflowId();
  private final List<StepResult> finished = new ArrayList<>();
  /** Steps {@link #include}d from other workflows (by identity), which the result lists only when they failed. */
  private final java.util.Set<StepResult> included = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Saga saga =
      new Saga(new Saga.Options.Builder().setContinueWithError(true).build());
  private int rollbackPoints;

  private Step current;
  private String currentHost = "";
  private long currentStartedAt;
  private List<GateResult> currentGates = new ArrayList<>();
  private Map<String, ItemCheck> currentItems = new java.util.LinkedHashMap<>();
  private List<Evidence> currentEvidence = new ArrayList<>();
  private String waitingFor = "";
  private StepResult failure;
  private Outcome outcome;
  private boolean searchable;
  private List<Evidence> undoEvidence;
  private String reportTitle = "";
  private String conclusion = "";
  private Duration undoPatience = Duration.ofMinutes(10);
  private Duration undoMaxBackoff = Duration.ofSeconds(30);
  /**
   * Hosts that stopped answering SSH for a whole undo's patience, with what that undo was and for
   * how long: their other undos are not attempted (see {@link #LOST_HOST}).
   */
  private final Map<String, String> lostHosts = new java.util.LinkedHashMap<>();

  /**
   * The {@code Workflow.getVersion} change id of giving up on a host that did not answer SSH for a
   * whole undo's patience: its remaining undos are not attempted (each would wait out the same
   * patience, and re-registering it with the load balancer would send users to a host in an unknown
   * state). Runs from before retried every undo of the host for the whole patience.
   */
  public static final String LOST_HOST = "lost-host";

  public Procedure(String runbook, String environment) {
    this.runbook = runbook;
    this.environment = environment == null ? "" : environment;
  }

  /**
   * Tags the run with the {@link RunbookSearchAttributes} (type, environment, release) and keeps
   * {@code CurrentStep} and {@code Outcome} up to date from now on. Call it once the input is
   * validated: search attributes must never carry what a person mistyped.
   */
  public void publishSearchAttributes(String runbookType, String releaseVersion) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(List.of(
        RunbookSearchAttributes.RUNBOOK_TYPE.valueSet(runbookType),
        RunbookSearchAttributes.ENVIRONMENT.valueSet(environment)));
    if (releaseVersion != null && !releaseVersion.isEmpty()) {
      updates.add(RunbookSearchAttributes.RELEASE_VERSION.valueSet(releaseVersion));
    }
    Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    searchable = true;
  }

  /** Starts {@code step} on {@code host} (empty for environment-wide steps). */
  public void begin(Step step, String host) {
    if (current != null) {
      pass("");
    }
    current = step;
    currentHost = host == null ? "" : host;
    currentStartedAt = Workflow.currentTimeMillis();
    currentGates = new ArrayList<>();
    currentEvidence = new ArrayList<>();
    currentItems = new java.util.LinkedHashMap<>();
    log.debug("{} step started: {}", workflowId, step.labelOn(currentHost));
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(RunbookSearchAttributes.CURRENT_STEP.valueSet(label()));
    }
    publishDetails();
  }

  /** What the current step saw; while an undo runs (between steps), what that undo saw. */
  public void evidence(Evidence evidence) {
    if (current == null && undoEvidence != null) {
      undoEvidence.add(evidence);
    } else {
      currentEvidence.add(evidence);
    }
  }

  public void evidence(List<Evidence> evidence) {
    evidence.forEach(this::evidence);
  }

  /**
   * Records the gate's verdict. A failed gate closes the step as FAILED and throws
   * {@link GateFailure}, which the workflow turns into ABORTED or a rollback.
   */
  public void check(GateResult gate) {
    currentGates.add(gate);
    if (!gate.passed()) {
      String label = label();
      close(StepStatus.FAILED, gate.reason());
      throw new GateFailure(label, gate);
    }
  }

  /**
   * Records the gate's verdict as what the step found for {@code item}, one of its runbook
   * verification items (see {@link Step#item}); a failed gate fails the step as {@link #check} does.
   */
  public void check(String item, GateResult gate) {
    currentItems.put(item, ItemCheck.of(item, gate));
    check(gate);
  }

  /** {@link #evidence} then {@link #check(String, GateResult)}. */
  public void check(Evidence evidence, String item, GateResult gate) {
    evidence(evidence);
    check(item, gate);
  }

  /**
   * Records that the step did not check {@code item} and why ("no DNS record configured for this
   * environment"): the report says so instead of counting it as passed.
   */
  public void notChecked(String item, String why) {
    currentItems.put(item, ItemCheck.notChecked(item, why));
  }

  /**
   * Several verification items checked together: each item's verdict is recorded, then the step
   * fails if any failed, with every failing part in its reason (an operator sees all of them at
   * once). {@code procedure.verify("server resources").item(disk, g1).item(memory, g2).check()}.
   */
  public Verification verify(String gate) {
    return new Verification(gate);
  }

  /** The items of one {@link #verify} call, checked by {@link #check()}. */
  public final class Verification {
    private final String gate;
    private final List<GateResult> parts = new ArrayList<>();

    private Verification(String gate) {
      this.gate = gate;
    }

    public Verification item(String item, GateResult result) {
      currentItems.put(item, ItemCheck.of(item, result));
      parts.add(result);
      return this;
    }

    public Verification notChecked(String item, String why) {
      Procedure.this.notChecked(item, why);
      return this;
    }

    /** The item is checked by another record of this section ({@code where} says which). */
    public Verification elsewhere(String item, String where) {
      currentItems.put(item, ItemCheck.elsewhere(item, where));
      return this;
    }

    public void check() {
      if (!parts.isEmpty()) {
        Procedure.this.check(GateResult.allOf(gate, parts));
      }
    }
  }

  /** Records that {@code item} is checked by another record of this section ({@code where} says which). */
  public void elsewhere(String item, String where) {
    currentItems.put(item, ItemCheck.elsewhere(item, where));
  }

  /**
   * Records a verdict for {@code item} without failing the step on it: what a best-effort part of a
   * step found (a completion notice that could not be delivered).
   */
  public void observed(String item, GateResult gate) {
    currentItems.put(item, ItemCheck.of(item, gate));
    currentGates.add(gate);
  }

  /** Records what the step saw and its gate's verdict: {@link #evidence} then {@link #check}. */
  public void check(Evidence evidence, GateResult gate) {
    evidence(evidence);
    check(gate);
  }

  /**
   * The usual end of a step: records what it saw and its gate's verdict, and closes it as passed
   * (or failed, throwing {@link GateFailure}).
   */
  public void conclude(Evidence evidence, GateResult gate) {
    check(evidence, gate);
    pass("");
  }

  /** Closes the current step as passed. */
  public void pass(String summary) {
    close(StepStatus.PASSED, summary.isEmpty() ? summaryOfGates() : summary);
  }

  /** Closes the current step as failed because something other than a gate went wrong. */
  public void failCurrent(String reason) {
    if (current != null) {
      close(StepStatus.FAILED, reason);
    }
  }

  /** Closes the current step as skipped, when what it found says it does not apply ("not-configured"). */
  public void skipCurrent(String why) {
    close(StepStatus.SKIPPED, why);
  }

  /** Records a step that does not apply here, and why ("no load balancer configured"): none of its items was checked. */
  public void skip(Step step, String host, String why) {
    long now = Workflow.currentTimeMillis();
    record(new StepResult(step.id(), step.title(), host, StepStatus.SKIPPED, why, List.of(), List.of(), now, now,
        step.items().stream().map(item -> ItemCheck.notChecked(item, why)).toList()));
  }

  /** Records a change a dry run would make. */
  public void plan(Step step, String host, String change) {
    note(step, host, StepStatus.PLANNED, change, List.of());
  }

  /**
   * Records something done outside the step sequence (a clean-up after a step, a notice after a
   * rollback), without disturbing the current step.
   */
  public void note(Step step, String host, StepStatus status, String summary, List<Evidence> evidence) {
    long now = Workflow.currentTimeMillis();
    record(new StepResult(step.id(), step.title(), host, status, summary, List.of(), evidence, now, now,
        step.items().stream().map(item -> noted(item, status, summary)).toList()));
  }

  /** A noted step is one action, so its verdict is each of its items' (a notice delivered or not). */
  private static ItemCheck noted(String item, StepStatus status, String summary) {
    return switch (status) {
      case PASSED -> new ItemCheck(item, ItemCheck.Status.PASSED, summary);
      case FAILED -> new ItemCheck(item, ItemCheck.Status.FAILED, summary);
      case PLANNED -> ItemCheck.notChecked(item, "dry run: planned, not done");
      default -> ItemCheck.notChecked(item, summary);
    };
  }

  private void record(StepResult result) {
    finished.add(result);
    logEnd(result);
    publishDetails();
  }

  /**
   * Takes in the steps another workflow recorded (a rollout's child, for one host), so this run's
   * report and progress show them in place. They never count as this run's failure: the step that
   * judged them does.
   */
  public void include(List<StepResult> steps) {
    finished.addAll(steps);
    included.addAll(steps);
    publishDetails();
  }

  /** The run is blocked on something outside it (an approval); shown by the progress query. */
  public void waitingFor(String what) {
    waitingFor = what == null ? "" : what;
    publishDetails();
  }

  /**
   * A runbook "Rollback Point": from now on a failed gate or a cancel runs {@code undo}, in
   * reverse order of registration.
   */
  public void rollbackPoint(Step step, String host, String description, Undo undo) {
    rollbackPoints++;
    saga.addCompensation(() -> runUndo(step, host, description, undo));
  }

  /** True once a step has changed something that a rollback would have to undo. */
  public boolean changedAnything() {
    return rollbackPoints > 0;
  }

  /**
   * Runs every registered rollback point in reverse, each even if an earlier one failed, in a
   * detached scope so that cancellation of the run does not cancel its own rollback.
   *
   * @return true when every undo action succeeded
   */
  public boolean rollBack() {
    if (current != null) {
      failCurrent("interrupted");
    }
    int failedBefore = steps(StepStatus.COMPENSATION_FAILED).size();
    Workflow.newDetachedCancellationScope(() -> {
      try {
        saga.compensate();
      } catch (Saga.CompensationException e) {
        // Already recorded, undo by undo, in runUndo.
      }
    }).run();
    // Counted from the records rather than from CompensationException: with continueWithError the
    // SDK's Saga runs every undo and does not throw at the end.
    return steps(StepStatus.COMPENSATION_FAILED).size() == failedBefore;
  }

  /**
   * Ends the run with {@code outcome}; {@code title} and {@code conclusion} head its report.
   *
   * @return the run's result report: a summary (what needs attention, with its evidence), bounded
   *     for any fleet; the full report with every step's evidence is {@link #report()}
   */
  public String finish(Outcome outcome, String title, String conclusion) {
    this.reportTitle = title;
    this.conclusion = conclusion;
    finish(outcome);
    return MarkdownReport.summary(title, outcome, conclusion, steps(), FULL_REPORT_HINT.replace("ID", workflowId));
  }

  /** The full report: every step with its gates and evidence (the {@code report} query). */
  public String report() {
    return MarkdownReport.render(reportTitle.isEmpty() ? runbook : reportTitle,
        outcome, outcome == null ? "(still running)" : conclusion, steps());
  }

  /**
   * The steps as a run's result carries them: each step's status and one-line summary, without its
   * gates and evidence (those are in {@link #report()} and the progress query), so the result stays
   * far below Temporal's payload limit however many hosts the run had. Of the steps included from
   * a rollout's host workflows, only those that failed (each host's undo is this run's own step):
   * a 200-host rollout would otherwise carry a megabyte of "passed" and "undone".
   */
  public List<StepResult> resultSteps() {
    return finished.stream()
        .filter(s -> !included.contains(s) || s.status() == StepStatus.FAILED || s.status() == StepStatus.COMPENSATION_FAILED)
        .map(StepResult::withoutDetail).toList();
  }

  public void finish(Outcome outcome) {
    if (current != null) {
      failCurrent("interrupted");
    }
    this.outcome = outcome;
    waitingFor = "";
    log.info("{} finished: {}", workflowId, outcome);
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          RunbookSearchAttributes.OUTCOME.valueSet(outcome.name()), RunbookSearchAttributes.CURRENT_STEP.valueUnset());
    }
    publishDetails();
  }

  public List<StepResult> steps() {
    return List.copyOf(finished);
  }

  /**
   * The steps as the workflow that started this one {@link #include}s them: those that passed
   * without their evidence, which stays in this run's own {@code report} query.
   */
  public List<StepResult> handedOver() {
    return finished.stream().map(StepResult::withoutEvidenceIfPassed).toList();
  }

  /** Where a run stopped and why: the failed step's label and its reason. */
  public record Stop(String step, String reason) {

    /** "Step 7: Functional Testing [api-1]: POST ... → HTTP 500". */
    public String describe() {
      return step.isEmpty() ? reason : step + ": " + reason;
    }
  }

  /**
   * How a run ends that was stopped by {@code cause} (or by {@code cancelReason}, when not null): the
   * step that was running is closed as failed, and the step that stopped the run is named with why.
   */
  public Stop stoppedAt(RuntimeException cause, String cancelReason) {
    String why = cancelReason != null ? cancelReason : Failures.describe(cause);
    failCurrent(why);
    return failure().map(s -> new Stop(s.label(), s.summary())).orElse(new Stop("", why));
  }

  /** "Step 4: Rollback: restore ... [api-1] failed: ...", for every undo that failed. */
  public String failedUndos() {
    return String.join("; ", steps(StepStatus.COMPENSATION_FAILED).stream()
        .map(s -> s.label() + " failed: " + s.summary())
        .toList());
  }

  /** The step that stopped the run: the first one closed as failed, if any. */
  public Optional<StepResult> failure() {
    return Optional.ofNullable(failure);
  }

  /** The steps that ended with {@code status}, in order. */
  public List<StepResult> steps(StepStatus status) {
    return finished.stream().filter(s -> s.status() == status).toList();
  }

  public Progress progress() {
    return new Progress(runbook, environment, current == null ? "" : label(), waitingFor, outcome, steps());
  }

  /** Current step label, empty between steps. */
  public String currentStep() {
    return current == null ? "" : label();
  }

  /**
   * How long one undo keeps trying through failures the world may fix, and the longest pause
   * between two attempts (from the environment's {@code rollback} settings once it is loaded).
   */
  public void retryUndos(Duration patience, Duration maxBackoff) {
    this.undoPatience = patience;
    this.undoMaxBackoff = maxBackoff;
  }

  /**
   * One undo, tried again after a failure a retry may fix (an unreachable host, a timeout) with a
   * doubling pause up to {@link #retryUndos the configured patience}; each failed attempt is in the
   * undo's evidence. A failure no retry can fix, a failed gate, or running out of patience makes it
   * COMPENSATION_FAILED.
   */
  private String runUndo(Step step, String host, String description, Undo undo) {
    long started = Workflow.currentTimeMillis();
    String title = "Rollback: " + description;
    List<Evidence> evidence = new ArrayList<>();
    undoEvidence = evidence;
    Duration pause = FIRST_UNDO_PAUSE;
    try {
      if (lostHosts.containsKey(host)
          && Workflow.getVersion(LOST_HOST, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
        throw new UndoFailed("not attempted: " + lostHosts.get(host) + "; state unknown, check the host by hand", null);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          String summary = undo.run();
          String shown = attempt == 1 ? summary : summary + " (attempt " + attempt + ")";
          finished.add(new StepResult(step.id(), title, host, StepStatus.COMPENSATED, shown, List.of(), evidence,
              started, Workflow.currentTimeMillis()));
          log.info("{} rolled back: {} [{}] {}", workflowId, description, host, shown);
          return summary;
        } catch (ActivityFailure e) {
          String reason = Failures.describe(e);
          long elapsed = Workflow.currentTimeMillis() - started;
          if (!Failures.retryable(e) || elapsed + pause.toMillis() > undoPatience.toMillis()) {
            String why = Failures.retryable(e)
                ? reason + " (still failing after " + attempt + " attempts in " + elapsed / 1000 + " s)"
                : reason;
            if (!host.isEmpty() && Failures.hostUnreachable(e)) {
              lostHosts.putIfAbsent(host, host + " did not answer SSH for " + elapsed / 1000 + " s (" + attempt
                  + " attempts) during \"" + description + "\"");
            }
            throw new UndoFailed(why, e);
          }
          evidence.add(new Evidence(host, "attempt " + attempt + " of " + description, "failed", reason,
              Map.of("next attempt in", pause.toSeconds() + " s"), 0));
          log.warn("{} rollback action failed, retrying in {} s: {} [{}] {}", workflowId, pause.toSeconds(),
              description, host, reason);
          waitingFor = title + ": attempt " + attempt + " failed (" + reason + "); next attempt in " + pause.toSeconds() + " s";
          publishDetails();
          Workflow.newTimer(pause, TimerOptions.newBuilder().setSummary(title + ": next attempt").build()).get();
          waitingFor = "";
          pause = pause.multipliedBy(2).compareTo(undoMaxBackoff) > 0 ? undoMaxBackoff : pause.multipliedBy(2);
        }
      }
    } catch (RuntimeException e) {
      String reason = e instanceof UndoFailed failed ? failed.getMessage() : Failures.describe(e);
      finished.add(new StepResult(step.id(), title, host, StepStatus.COMPENSATION_FAILED, reason, List.of(), evidence,
          started, Workflow.currentTimeMillis()));
      log.error("{} rollback action failed: {} [{}] {}", workflowId, description, host, reason);
      throw e;
    } finally {
      undoEvidence = null;
      publishDetails();
    }
  }

  /** An undo that failed for good; its message says why and after how many attempts. */
  private static final class UndoFailed extends RuntimeException {
    UndoFailed(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private String label() {
    return current.labelOn(currentHost);
  }

  private String summaryOfGates() {
    return String.join("; ", currentGates.stream().map(GateResult::reason).toList());
  }

  private void close(StepStatus status, String summary) {
    StepResult result = new StepResult(current.id(), current.title(), currentHost, status, summary,
        currentGates, currentEvidence, currentStartedAt, Workflow.currentTimeMillis(), itemsOf(status, summary));
    finished.add(result);
    if (status == StepStatus.FAILED && failure == null) {
      failure = result;
    }
    logEnd(result);
    current = null;
    publishDetails();
  }

  /**
   * Every verification item of the current step, in the runbook's order: what was recorded for it,
   * or, when nothing was, why not (the step stopped before it, or was skipped).
   */
  private List<ItemCheck> itemsOf(StepStatus status, String summary) {
    List<ItemCheck> items = new ArrayList<>();
    for (String item : current.items()) {
      ItemCheck recorded = currentItems.get(item);
      if (recorded != null) {
        items.add(recorded);
      } else if (status == StepStatus.FAILED) {
        items.add(ItemCheck.notChecked(item, "not reached: the step stopped first"));
      } else if (status == StepStatus.SKIPPED) {
        items.add(ItemCheck.notChecked(item, summary));
      } else {
        items.add(ItemCheck.notChecked(item, "this engine has no check for it"));
      }
    }
    return items;
  }

  private void logEnd(StepResult step) {
    if (step.status() == StepStatus.FAILED) {
      log.warn("{} step failed: {}: {}", workflowId, step.label(), step.summary());
    } else {
      log.info("{} step {}: {}: {}", workflowId, step.status().name().toLowerCase(), step.label(), step.summary());
    }
  }

  /** The Web UI's "current details" for the run: Markdown, refreshed at every step. */
  private void publishDetails() {
    Workflow.setCurrentDetails(MarkdownReport.currentDetails(progress()));
  }
}
