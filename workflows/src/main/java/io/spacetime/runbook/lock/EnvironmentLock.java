package io.spacetime.runbook.lock;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.gates.EvidenceOf;
import io.spacetime.runbook.gates.LockGate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The environment's change lock as a changing run holds it, for workflow code: taken as a step
 * of the run (a refusal fails that step, naming the holder) and released on every path, including
 * a cancelled run.
 */
public final class EnvironmentLock {

  private static final Logger log = Workflow.getLogger(EnvironmentLock.class);

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
    procedure.conclude(EvidenceOf.lock(grant), LockGate.granted(grant));
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
