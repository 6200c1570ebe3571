package io.spacetime.runbook.lock;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The environment's change lock as a changing run holds it, for workflow code: taken as a step
 * of the run (a refusal fails that step, naming the holder) and released on every path, including
 * a cancelled run.
 */
public final class EnvironmentLock {

  private static final Logger log = Workflow.getLogger(EnvironmentLock.class);
  /** How often a preempting run looks whether the stopped run has released the lock. */
  static final Duration PREEMPT_POLL = Duration.ofSeconds(2);

  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final String environment;
  private final String holder = Workflow.getInfo().getWorkflowId();
  private boolean mayHold;

  public EnvironmentLock(Procedure procedure, ActivityStubs stubs, String environment) {
    this.procedure = procedure;
    this.stubs = stubs;
    this.environment = environment;
  }

  /** Takes the lock as {@code step}; throws {@code GateFailure} when another run holds it. */
  public void acquire(Step step, String description) {
    procedure.begin(step, "");
    // Until the answer arrives this run may hold the lock (a lost response): release() must try.
    mayHold = true;
    LockGrant grant = stubs.quick(LockActivities.class).acquire(environment, holder, description);
    mayHold = grant.granted();
    procedure.conclude(LockGate.evidence(grant), LockGate.granted(grant));
  }

  /**
   * Takes the lock as {@code step} for a run that must not be kept out by a run of one of the
   * {@code preemptible} workflow types (an Emergency Rollback, by a deployment): such a holder is
   * asked to stop and roll back what it changed, and the lock is taken once it has released it
   * (waiting at most {@code patience}). Any other holder refuses this run, as {@link #acquire} does.
   *
   * @return the workflow id of the run that was stopped, empty when none was
   */
  public Optional<String> acquirePreempting(Step step, String description, Set<String> preemptible, Duration patience) {
    procedure.begin(step, "");
    mayHold = true;
    LockActivities locks = stubs.quick(LockActivities.class);
    LockGrant grant = locks.acquire(environment, holder, description);
    Optional<String> stopped = Optional.empty();
    if (!grant.granted() && preemptible.contains(grant.holderType())) {
      long deadline = Workflow.currentTimeMillis() + patience.toMillis();
      while (!grant.granted() && preemptible.contains(grant.holderType()) && Workflow.currentTimeMillis() < deadline) {
        String other = grant.holder();
        if (stopped.isEmpty() || !stopped.get().equals(other)) {
          procedure.evidence(LockGate.evidence(grant));
          boolean asked = locks.askToStop(other, "superseded by " + holder + " (" + description + ")");
          procedure.evidence(Evidence.note("", "ask " + other + " to stop and roll back what it changed",
              asked ? "asked" : "no longer running", Map.of("holder description", grant.holderDescription())));
          stopped = Optional.of(other);
          procedure.waitingFor(other + " to roll back what it changed and release " + environment);
        }
        Workflow.newTimer(PREEMPT_POLL, TimerOptions.newBuilder()
            .setSummary("Deployment Lock: waiting for " + other + " to roll back and release the lock").build()).get();
        grant = locks.acquire(environment, holder, description);
      }
      procedure.waitingFor("");
    }
    mayHold = grant.granted();
    procedure.conclude(LockGate.evidence(grant), LockGate.granted(grant));
    return stopped;
  }

  /**
   * Releases the lock if this run may hold it, in a detached scope so that a cancelled run
   * releases it too. Never throws: a lock left behind ends by itself once this run has closed.
   */
  public void release() {
    if (!mayHold) {
      return;
    }
    Workflow.newDetachedCancellationScope(() -> {
      try {
        ActivityStubs.summarised("Release the environment lock").quick(LockActivities.class).release(environment, holder);
        mayHold = false;
      } catch (ActivityFailure e) {
        log.warn("{} could not release the lock on {}: {} (it ends once this run has closed)",
            holder, environment, Failures.describe(e));
      }
    }).run();
  }
}
