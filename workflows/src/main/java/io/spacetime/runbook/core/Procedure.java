package io.spacetime.runbook.core;

import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The plumbing every runbook workflow shares, so the workflow itself reads like the runbook: which
 * step is running, the evidence it saw, its gates, and the rollback points registered by the steps
 * that changed something.
 *
 * <p>Workflow code only: time is workflow time, and rollback runs in a detached cancellation
 * scope so that a cancelled run still undoes what it did. Not thread-safe; a workflow uses it from
 * its own thread (queries only read).
 */
public final class Procedure {

  private static final Logger log = Workflow.getLogger(Procedure.class);

  private final String runbook;
  private final String environment;
  private final List<StepResult> finished = new ArrayList<>();
  private final Saga saga =
      new Saga(new Saga.Options.Builder().setContinueWithError(true).build());
  private int rollbackPoints;

  private Step current;
  private String currentHost = "";
  private long currentStartedAt;
  private List<GateResult> currentGates = new ArrayList<>();
  private List<Evidence> currentEvidence = new ArrayList<>();
  private String waitingFor = "";
  private Outcome outcome;

  public Procedure(String runbook, String environment) {
    this.runbook = runbook;
    this.environment = environment;
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
    log.info("step started: {}", step.labelOn(currentHost));
    publishDetails();
  }

  public void evidence(Evidence evidence) {
    currentEvidence.add(evidence);
  }

  public void evidence(List<Evidence> evidence) {
    currentEvidence.addAll(evidence);
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

  /** Records a step that does not apply here, and why ("no load balancer configured"). */
  public void skip(Step step, String host, String why) {
    long now = Workflow.currentTimeMillis();
    finished.add(new StepResult(step.id(), step.title(), host, StepStatus.SKIPPED, why, List.of(), List.of(), now, now));
    publishDetails();
  }

  /** Records a change a dry run would make. */
  public void plan(Step step, String host, String change) {
    long now = Workflow.currentTimeMillis();
    finished.add(new StepResult(step.id(), step.title(), host, StepStatus.PLANNED, change, List.of(), List.of(), now, now));
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
    boolean[] allUndone = {true};
    if (current != null) {
      failCurrent("interrupted");
    }
    Workflow.newDetachedCancellationScope(() -> {
      try {
        saga.compensate();
      } catch (Saga.CompensationException e) {
        allUndone[0] = false;
      }
    }).run();
    return allUndone[0];
  }

  public void finish(Outcome outcome) {
    if (current != null) {
      failCurrent("interrupted");
    }
    this.outcome = outcome;
    waitingFor = "";
    publishDetails();
  }

  public List<StepResult> steps() {
    return List.copyOf(finished);
  }

  public Progress progress() {
    return new Progress(runbook, environment, current == null ? "" : label(), waitingFor, outcome, steps());
  }

  /** Current step label, empty between steps. */
  public String currentStep() {
    return current == null ? "" : label();
  }

  private String runUndo(Step step, String host, String description, Undo undo) {
    long started = Workflow.currentTimeMillis();
    String title = "Rollback: " + description;
    try {
      String summary = undo.run();
      finished.add(new StepResult(step.id(), title, host, StepStatus.COMPENSATED, summary, List.of(), List.of(),
          started, Workflow.currentTimeMillis()));
      log.info("rolled back: {} [{}] {}", description, host, summary);
      return summary;
    } catch (RuntimeException e) {
      String reason = Failures.describe(e);
      finished.add(new StepResult(step.id(), title, host, StepStatus.COMPENSATION_FAILED, reason, List.of(), List.of(),
          started, Workflow.currentTimeMillis()));
      log.error("rollback action failed: {} [{}] {}", description, host, reason);
      throw e;
    } finally {
      publishDetails();
    }
  }

  private String label() {
    return current.labelOn(currentHost);
  }

  private String summaryOfGates() {
    return String.join("; ", currentGates.stream().map(GateResult::reason).toList());
  }

  private void close(StepStatus status, String summary) {
    finished.add(new StepResult(current.id(), current.title(), currentHost, status, summary,
        currentGates, currentEvidence, currentStartedAt, Workflow.currentTimeMillis()));
    if (status == StepStatus.FAILED) {
      log.warn("step failed: {}: {}", label(), summary);
    } else {
      log.info("step {}: {}: {}", status.name().toLowerCase(), label(), summary);
    }
    current = null;
    publishDetails();
  }

  /** The Web UI's "current details" for the run: Markdown, refreshed at every step. */
  private void publishDetails() {
    Workflow.setCurrentDetails(MarkdownReport.currentDetails(progress()));
  }
}
