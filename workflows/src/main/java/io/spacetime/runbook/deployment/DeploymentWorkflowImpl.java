package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.DEPLOYMENT_LOCK;
import static io.spacetime.runbook.deployment.DeploymentSteps.LOAD_ENVIRONMENT;
import static io.spacetime.runbook.deployment.DeploymentSteps.ROLLOUT_PLAN;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.GateFailure;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.WorkflowInput;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.LoadEnvironment;
import io.spacetime.runbook.lock.EnvironmentLock;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RUNBOOK_DEPLOYMENT.md as a workflow. {@link #deploy} reads as the runbook's table of contents;
 * each section is a class of this package.
 *
 * <p>The whole procedure runs in one cancellation scope, so the {@code abort} signal and a cancel
 * from the Web UI or CLI stop it the same way: whatever it changed is rolled back, the lock is
 * released and the outcome is CANCELLED. After {@code abort} the result is returned as usual. A
 * run cancelled from Temporal closes as Canceled whatever it returns (the Java SDK reports every
 * run whose cancellation was requested that way), so its outcome and report are read with the
 * {@code progress} query, which answers after the run has closed.
 */
public final class DeploymentWorkflowImpl implements DeploymentWorkflow {

  static final String RUNBOOK = "Deployment Procedure (RUNBOOK_DEPLOYMENT.md)";

  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final EmergencyApprovals approvals = new EmergencyApprovals();
  private final AwaitedDecision<RollbackDecision> decisions = AwaitedDecision.rollback();
  private final AwaitedDecision<RolloutApproval> rolloutApprovals = AwaitedDecision.rollout();
  private CancellationScope run;
  private String abortReason = "";
  private Deployment deployment;
  private boolean rollbackTrust;
  private boolean coverageChecks;
  private boolean watchWindow;
  private boolean rollouts;

  /** Builds the procedure before any handler runs: a query or an abort may arrive with the first task. */
  @WorkflowInit
  public DeploymentWorkflowImpl(DeploymentRequest request) {
    procedure = new Procedure(RUNBOOK, request == null ? "" : request.environment());
    stubs = ActivityStubs.forStepsOf(procedure);
  }

  @Override
  public DeploymentResult deploy(DeploymentRequest request) {
    WorkflowInput.require(request, "deployment request", "{\"environment\": ..., \"version\": ...}");
    rollbackTrust = DeploymentRules.rollbackTrust();
    coverageChecks = DeploymentRules.coverageChecks();
    watchWindow = DeploymentRules.watchWindow();
    rollouts = DeploymentRules.rollouts();
    procedure.publishSearchAttributes(TYPE, request.version());
    EnvironmentLock lock = new EnvironmentLock(procedure, stubs, request.environment());
    DeploymentConclusion conclusion = new DeploymentConclusion(procedure, request);
    run = Workflow.newCancellationScope(() -> runbook(request, lock));
    if (!abortReason.isEmpty()) {
      run.cancel(abortReason);
    }
    try {
      run.run();
      return conclusion.succeeded(deployment);
    } catch (GateFailure | ActivityFailure | CanceledFailure stopped) {
      return conclusion.stopped(deployment, stopped, run.isCancelRequested() ? cancelReason() : null);
    } finally {
      lock.release();
    }
  }

  /**
   * The runbook, in its order. The lock is taken once the deployment window allows the run (an
   * emergency deployment may wait hours for its approval; holding the lock meanwhile would block an
   * Emergency Rollback of the environment), and before anything reads the hosts for a change.
   */
  private void runbook(DeploymentRequest request, EnvironmentLock lock) {
    Environment env = LoadEnvironment.run(procedure, stubs, LOAD_ENVIRONMENT, request.environment(),
        rollouts ? DeploymentRules.MAX_BATCHED_HOSTS : DeploymentRules.MAX_HOSTS);
    deployment = new Deployment(request, env, procedure, stubs,
        Deployment.backupId(Workflow.getInfo().getWorkflowId(), originalRunId()),
        rollbackTrust, coverageChecks);
    Rollout rollout = rollouts ? planRollout(request, env) : null;
    if (watchWindow) {
      deployment.watchFor(WatchWindow.length(request, env));
    }
    if (rollbackTrust) {
      new DeploymentWindowCheck(deployment, approvals).run();
      lock(request, lock);
    } else {
      lock(request, lock);
      new DeploymentWindowCheck(deployment, approvals).run();
    }
    PreDeploymentChecklist checklist = new PreDeploymentChecklist(deployment);
    checklist.verify();
    if (request.dryRun()) {
      new DryRunPlan(deployment).record();
      return;
    }
    checklist.currentStateBackup();
    new PreDeploymentTests(deployment).run();
    DeploymentTtl loweredTtl = new DeploymentProcedure(deployment, rollout).run();
    if (watchWindow) {
      // The runbook restores the TTL after the window: a rollback from it still needs the short TTL.
      new WatchWindow(deployment, decisions).run();
    }
    loweredTtl.restore();
  }

  /**
   * The rollout through the fleet; null for the runbook's one host after another, which needs no
   * step of its own (and is refused past {@link DeploymentRules#MAX_HOSTS}, its history's limit).
   */
  private Rollout planRollout(DeploymentRequest request, Environment env) {
    RolloutPlan plan = RolloutPlan.of(request, env.rollout(), env.hosts());
    int fleet = env.hosts().size();
    if (plan.oneByOne() && fleet <= DeploymentRules.MAX_HOSTS) {
      return null;
    }
    procedure.begin(ROLLOUT_PLAN, "");
    Map<String, String> batches = new LinkedHashMap<>();
    for (int b = 0; b < plan.batches().size(); b++) {
      batches.put(plan.nameOf(b), String.join(", ", plan.batches().get(b).stream().map(Host::name).toList()));
    }
    procedure.evidence(new Evidence("", "rollout plan", "planned", plan.asGiven(), batches, 0));
    procedure.check(plan.oneByOne()
        ? GateResult.fail(Rollout.GATE, fleet + " hosts one after another is more than one run's history holds (at most "
            + DeploymentRules.MAX_HOSTS + "); deploy them in batches (batchSize, --batch-size) for up to "
            + DeploymentRules.MAX_BATCHED_HOSTS + " hosts, each host in a child workflow")
        : GateResult.pass(Rollout.GATE, plan.asGiven() + ": " + plan.batches().size() + " batches, each host in a child"
            + " workflow"));
    procedure.pass("");
    return new Rollout(deployment, plan, rolloutApprovals, this::cancelReason);
  }

  /** The run id the run started with, kept across a reset (a reset run must find its backups). */
  private static String originalRunId() {
    String original = Workflow.getInfo().getOriginalExecutionRunId();
    return original == null || original.isEmpty() ? Workflow.getInfo().getRunId() : original;
  }

  private void lock(DeploymentRequest request, EnvironmentLock lock) {
    if (request.dryRun()) {
      procedure.skip(DEPLOYMENT_LOCK, "", "dry run: it changes nothing, so it takes no lock");
    } else {
      lock.acquire(DEPLOYMENT_LOCK, "deployment of " + request.version() + " to " + request.environment());
    }
  }

  @Override
  public Progress progress() {
    return procedure.progress();
  }

  @Override
  public String report() {
    return procedure.report();
  }

  @Override
  public void validateApproveEmergency(EmergencyApproval approval) {
    approvals.validate(approval);
  }

  @Override
  public String approveEmergency(EmergencyApproval approval) {
    return approvals.accept(approval);
  }

  @Override
  public void validateDecideRollback(RollbackDecision decision) {
    decisions.validate(decision);
  }

  @Override
  public String decideRollback(RollbackDecision decision) {
    return decisions.accept(decision);
  }

  @Override
  public void validateContinueRollout(RolloutApproval approval) {
    rolloutApprovals.validate(approval);
  }

  @Override
  public String continueRollout(RolloutApproval approval) {
    return rolloutApprovals.accept(approval);
  }

  @Override
  public void abort(AbortReason reason) {
    abortReason = AbortReason.given(reason);
    if (run != null) {
      run.cancel(abortReason);
    }
  }

  private String cancelReason() {
    return abortReason.isEmpty() ? "cancelled from Temporal (Web UI or CLI)" : "aborted by an operator: " + abortReason;
  }
}
