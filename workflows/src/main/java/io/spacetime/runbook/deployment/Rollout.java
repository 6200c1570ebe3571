package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.core.SummarisedWait;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.notify.Notice;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Steps 2-9 through the fleet as its {@link RolloutPlan} says: the canary alone, then batch after
 * batch, the hosts of a batch side by side, each in a {@link HostDeploymentWorkflow} child. A host
 * that fails was rolled back by its child; past the failure threshold (or when the canary fails, or
 * a host could not be restored) the rollout stops, and the deployment's rollback undoes every host
 * deployed so far in reverse, each in a {@link HostRollbackWorkflow} that verifies its previous
 * release healthy. Below the threshold the rollout goes on and the run ends PARTIALLY_DEPLOYED.
 */
final class Rollout {

  static final String GATE = "rollout";

  private final Deployment d;
  private final Procedure procedure;
  private final RolloutPlan plan;
  private final AwaitedDecision<RolloutApproval> approvals;
  private final Supplier<String> abortReason;
  /** Each host's child result, in start order; a host is absent while its child runs. */
  private final Map<String, HostDeploymentResult> results = new LinkedHashMap<>();

  Rollout(Deployment deployment, RolloutPlan plan, AwaitedDecision<RolloutApproval> approvals,
      Supplier<String> abortReason) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.plan = plan;
    this.approvals = approvals;
    this.abortReason = abortReason;
  }

  /** @return the hosts deployed, in order, for Step 10 */
  List<DeployedHost> run() {
    List<DeployedHost> deployed = new ArrayList<>();
    for (int b = 0; b < plan.batches().size(); b++) {
      if (b > 0 && !plan.pause().none()) {
        pauseBefore(b);
      }
      for (HostDeploymentResult r : deployBatch(b)) {
        if (r.deployed()) {
          deployed.add(new DeployedHost(d.env().host(r.host()), r.logOffset()));
        }
      }
    }
    return deployed;
  }

  RolloutPlan plan() {
    return plan;
  }

  /** Hosts of the fleet that failed and were rolled back by their own run, with where they stopped. */
  Map<String, String> failedHosts() {
    Map<String, String> failed = new LinkedHashMap<>();
    results.values().stream().filter(r -> !r.deployed()).forEach(r -> failed.put(r.host(), r.stoppedAt()));
    return failed;
  }

  private List<HostDeploymentResult> deployBatch(int b) {
    List<Host> batch = plan.batches().get(b);
    String name = plan.nameOf(b);
    Step step = new Step("", "Rollout: " + name);
    procedure.begin(step, "");
    List<String> names = batch.stream().map(Host::name).toList();
    procedure.waitingFor(name + ": Steps 2-9 on " + String.join(", ", names) + " (each in workflow "
        + childId(batch.get(0), "") + ", ...)");
    Map<Host, Promise<HostDeploymentResult>> running = new LinkedHashMap<>();
    Map<Host, HostDeploymentWorkflow> children = new LinkedHashMap<>();
    // Started outside the run's cancellation scope: an abort reaches each child as its own abort
    // signal, so the child undoes its host and returns what it did instead of vanishing as cancelled.
    Workflow.newDetachedCancellationScope(() -> {
      for (Host host : batch) {
        HostDeploymentWorkflow child = Workflow.newChildWorkflowStub(HostDeploymentWorkflow.class, options(host, ""));
        children.put(host, child);
        d.rollbackPoint(step, host, "roll back " + host.name() + " to its previous release",
            () -> undo(host));
        running.put(host, Async.function(child::deployHost, d.orderFor(host, name)));
      }
    }).run();
    try {
      Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
    } catch (CanceledFailure cancelled) {
      Workflow.newDetachedCancellationScope(() -> {
        children.forEach((host, child) -> {
          if (!running.get(host).isCompleted()) {
            child.abort(new AbortReason(abortReason.get()));
          }
        });
        Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
        collect(running);
      }).run();
      throw cancelled;
    } finally {
      procedure.waitingFor("");
    }
    List<HostDeploymentResult> done = collect(running);
    judge(b, name, done);
    return done;
  }

  private List<HostDeploymentResult> collect(Map<Host, Promise<HostDeploymentResult>> running) {
    List<HostDeploymentResult> done = new ArrayList<>();
    running.forEach((host, promise) -> {
      if (results.containsKey(host.name())) {
        return;
      }
      HostDeploymentResult r;
      try {
        r = promise.get();
      } catch (ChildWorkflowFailure e) {
        // The child itself failed (it was terminated, or timed out): nobody knows what it left.
        r = new HostDeploymentResult(host.name(), HostDeploymentResult.Status.ROLLBACK_FAILED, null, 0,
            "its workflow " + childId(host, "") + " failed: " + Failures.describe(e),
            "state unknown, check the host by hand", List.of());
      }
      results.put(host.name(), r);
      if (r.release() != null && !r.release().previousVersion().isEmpty()) {
        d.previousVersions().put(host.name(), r.release().previousVersion());
      }
      procedure.include(r.steps());
      done.add(r);
    });
    return done;
  }

  /** The failure threshold, after each batch. */
  private void judge(int b, String name, List<HostDeploymentResult> batch) {
    List<HostDeploymentResult> failedHere = batch.stream().filter(r -> !r.deployed()).toList();
    failedHere.forEach(r -> procedure.evidence(new Evidence(r.host(), "deploy " + r.host(),
        r.status().name().toLowerCase().replace('_', ' '), r.stoppedAt(), Map.of("batch", name), 0)));
    long unrestored = failedHere.stream().filter(r -> r.status() == HostDeploymentResult.Status.ROLLBACK_FAILED).count();
    Map<String, String> failed = failedHosts();
    String which = String.join("; ", failedHere.stream().map(r -> r.host() + ": " + r.stoppedAt()).toList());
    if (plan.canary() > 0 && b == 0 && !failedHere.isEmpty()) {
      procedure.check(GateResult.fail(GATE, "the canary failed (" + which + "): no other host is touched"));
    }
    if (unrestored > 0) {
      String unknown = String.join(", ", failedHere.stream()
          .filter(r -> r.status() == HostDeploymentResult.Status.ROLLBACK_FAILED).map(HostDeploymentResult::host).toList());
      procedure.check(GateResult.fail(GATE, "a host could not be restored (" + which + "): the rollout stops; "
          + unknown + ": state unknown, check the host by hand"));
    }
    if (failed.size() > plan.maxFailures()) {
      procedure.check(GateResult.fail(GATE, failed.size() + " hosts failed, more than the " + plan.maxFailures()
          + " tolerated (" + String.join(", ", failed.keySet()) + "; in " + name + ": " + which + ")"));
    }
    List<String> deployed = batch.stream().filter(HostDeploymentResult::deployed).map(HostDeploymentResult::host).toList();
    procedure.check(GateResult.pass(GATE, deployed.size() + " of " + batch.size() + " hosts deployed"
        + (deployed.isEmpty() ? "" : " (" + String.join(", ", deployed) + ": Steps 2-9 passed in each host's workflow "
            + d.workflowId() + "/HOST)")
        + (failedHere.isEmpty() ? "" : "; rolled back and tolerated (" + failed.size() + " of at most "
            + plan.maxFailures() + "): " + which)));
    procedure.pass("");
  }

  /** Between two batches: a timer, or a person's {@code continueRollout}. */
  private void pauseBefore(int b) {
    String next = plan.nameOf(b);
    procedure.begin(new Step("", "Rollout: pause before " + next), "");
    if (!plan.pause().approval()) {
      Duration wait = plan.pause().duration();
      procedure.waitingFor("pause of " + wait.toSeconds() + " s before " + next + ", until "
          + Instant.ofEpochMilli(Workflow.currentTimeMillis() + wait.toMillis()));
      try {
        Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary("Rollout: pause before " + next).build()).get();
      } finally {
        procedure.waitingFor("");
      }
      procedure.pass("paused " + wait.toSeconds() + " s");
      return;
    }
    approvals.open();
    Duration timeout = plan.approvalTimeout();
    String ask = "waiting for continueRollout before " + next + " ({\"decision\":\"continue\" or \"rollback\","
        + "\"approver\":...,\"reason\":...}); without an answer in " + timeout.toMinutes() + " min the rollout rolls back";
    procedure.waitingFor(ask);
    procedure.evidence(d.team().sendBestEffort(Notice.WARNING, d.title() + ": approve " + next,
        "Deployed so far: " + String.join(", ", results.keySet()) + ". " + ask).evidence());
    try {
      SummarisedWait.await(timeout, "Rollout: waiting for continueRollout", approvals::decided);
    } finally {
      procedure.waitingFor("");
    }
    RolloutApproval answer = approvals.close().orElse(null);
    if (answer == null) {
      procedure.check(GateResult.fail(GATE, "no continueRollout within " + timeout.toMinutes() + " min before " + next
          + "; without an approval the rollout rolls back"));
    } else if (answer.rollsBack()) {
      procedure.check(GateResult.fail(GATE, "rollback decided by " + answer.approver() + ": " + answer.reason()));
    }
    procedure.check(GateResult.pass(GATE, "continue decided by " + answer.approver() + ": " + answer.reason()));
    procedure.pass("");
  }

  /**
   * The Rollback Point of one host: a deployed host is undone by its own {@link HostRollbackWorkflow};
   * a host its child already rolled back needs nothing more; one whose rollback failed stays failed.
   */
  private String undo(Host host) {
    HostDeploymentResult r = results.get(host.name());
    if (r == null) {
      throw new IllegalStateException("state unknown: the deployment stopped before " + host.name()
          + "'s workflow answered; check the host by hand");
    }
    switch (r.status()) {
      case ROLLED_BACK:
        return "already rolled back by its own workflow after " + r.stoppedAt();
      case ROLLBACK_FAILED:
        throw new IllegalStateException("state unknown, check the host by hand: " + r.stoppedAt()
            + "; " + doneTo(r) + "; its own rollback failed: " + r.undoFailures());
      default:
        break;
    }
    HostRollbackWorkflow child = Workflow.newChildWorkflowStub(HostRollbackWorkflow.class, options(host, "/rollback"));
    HostDeploymentResult undone = child.rollBackHost(d.orderFor(host, "rollback"), r.release());
    procedure.include(undone.steps());
    if (undone.status() != HostDeploymentResult.Status.ROLLED_BACK) {
      throw new IllegalStateException("state unknown, check the host by hand: its rollback failed: "
          + undone.undoFailures());
    }
    return host.name() + " serves " + r.release().previousVersion() + " again, healthy";
  }

  /**
   * What a host's own workflow did to a host it could not restore, for the person who must check it
   * by hand: the steps that passed on it (each one a change, or a check before one), the step that
   * stopped, and the undos that did run.
   */
  static String doneTo(HostDeploymentResult r) {
    List<String> passed = r.steps().stream().filter(s -> s.status() == StepStatus.PASSED).map(StepResult::label).toList();
    List<String> undone = r.steps().stream().filter(s -> s.status() == StepStatus.COMPENSATED).map(StepResult::title).toList();
    String failed = r.steps().stream().filter(s -> s.status() == StepStatus.FAILED).map(StepResult::label)
        .findFirst().orElse("");
    return "done to it: " + (passed.isEmpty() ? "no step passed" : String.join(", ", passed) + " passed")
        + (failed.isEmpty() ? "" : ", " + failed + " failed")
        + (r.release() == null || r.release().releaseDir() == null || r.release().releaseDir().isEmpty() ? ""
            : " (release " + r.release().releaseDir() + ", previously " + r.release().previousDir() + ")")
        + "; undone: " + (undone.isEmpty() ? "nothing" : String.join(", ", undone));
  }

  private ChildWorkflowOptions options(Host host, String suffix) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(childId(host, suffix))
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
        .build();
  }

  private String childId(Host host, String suffix) {
    return d.workflowId() + "/" + host.name() + suffix;
  }
}
