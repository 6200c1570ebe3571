package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.ROLLBACK_NOTICE;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.notify.Notice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a deployment run ends (DESIGN.md "Outcome"): SUCCEEDED; ABORTED when a check failed before
 * any change; otherwise every rollback point undone in reverse, the team told, and ROLLED_BACK,
 * CANCELLED or, when an undo failed, ROLLBACK_FAILED with what a person must do. Builds the result
 * and its report in every case.
 */
final class DeploymentConclusion {

  private final Procedure procedure;
  private final DeploymentRequest request;

  DeploymentConclusion(Procedure procedure, DeploymentRequest request) {
    this.procedure = procedure;
    this.request = request;
  }

  DeploymentResult succeeded(Deployment d) {
    if (request.dryRun()) {
      return result(Outcome.SUCCEEDED, d, "", "", "dry run: " + procedure.steps(StepStatus.PASSED).size()
          + " checks passed, " + procedure.steps(StepStatus.PLANNED).size() + " changes planned");
    }
    if (!d.failedHosts().isEmpty()) {
      List<String> deployed = d.hosts().stream().map(Host::name).filter(h -> !d.failedHosts().containsKey(h)).toList();
      String failed = String.join("; ", d.failedHosts().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
          .toList());
      String message = "deployed " + request.version() + " to " + request.environment() + " on " + String.join(", ", deployed)
          + "; " + d.failedHosts().size() + " hosts failed below the rollout's threshold, were rolled back and serve"
          + " their previous release: " + failed;
      d.team().tell(procedure, ROLLBACK_NOTICE, Notice.WARNING, "Partly deployed " + request.version() + " to "
          + request.environment(), message);
      return result(Outcome.PARTIALLY_DEPLOYED, d, "", "", message);
    }
    return result(Outcome.SUCCEEDED, d, "", "", "deployed " + request.version() + " to " + request.environment()
        + " on " + String.join(", ", d.hosts().stream().map(Host::name).toList()));
  }

  /**
   * @param d the run, null when it stopped before its environment was loaded
   * @param cancelReason why the run was cancelled, null when it was not
   */
  DeploymentResult stopped(Deployment d, RuntimeException cause, String cancelReason) {
    Procedure.Stop stop = procedure.stoppedAt(cause, cancelReason);
    String step = stop.step();
    String reason = stop.reason();
    if (procedure.changedAnything()) {
      return rolledBack(d, step, reason, cancelReason);
    }
    return cancelReason != null
        ? result(Outcome.CANCELLED, d, step, reason, cancelReason + " during " + step + "; nothing had been changed")
        : result(Outcome.ABORTED, d, step, reason, "aborted at " + step + ": " + reason + "; nothing was changed");
  }

  private DeploymentResult rolledBack(Deployment d, String step, String reason, String cancelReason) {
    boolean undone = procedure.rollBack();
    Outcome outcome = !undone ? Outcome.ROLLBACK_FAILED : cancelReason != null ? Outcome.CANCELLED : Outcome.ROLLED_BACK;
    String message = switch (outcome) {
      case ROLLBACK_FAILED -> "ROLLBACK FAILED, a person must act now: " + procedure.failedUndos()
          + ". The deployment had stopped at " + step + ": " + reason;
      case CANCELLED -> cancelReason + " during " + step + "; every change was undone and the previous release is healthy";
      default -> "rolled back after " + step + ": " + reason + "; every change was undone and the previous release is healthy";
    };
    tellTheTeam(d, outcome, step + ": " + reason, message);
    return result(outcome, d, step, reason, message);
  }

  /** Best effort: a notice that cannot be delivered is recorded, and changes nothing else. */
  private void tellTheTeam(Deployment d, Outcome outcome, String failure, String message) {
    String title = switch (outcome) {
      case ROLLBACK_FAILED -> "ROLLBACK FAILED on " + request.environment() + " deploying " + request.version();
      case CANCELLED -> "Cancelled deployment of " + request.version() + " to " + request.environment() + ", rolled back";
      default -> "Rolled back " + request.environment() + " from " + request.version();
    };
    d.team().tell(procedure, ROLLBACK_NOTICE, Notice.CRITICAL, title, outcome == Outcome.ROLLED_BACK ? failure : message);
  }

  private DeploymentResult result(Outcome outcome, Deployment d, String failedStep, String failedGate, String message) {
    String title = (request.dryRun() ? "Dry run: deployment of " : "Deployment of ") + request.version()
        + " to " + request.environment();
    String report = procedure.finish(outcome, title, message);
    Map<String, String> previous = d == null ? Map.of() : new LinkedHashMap<>(d.previousVersions());
    List<String> planned = procedure.steps(StepStatus.PLANNED).stream().map(s -> s.label() + ": " + s.summary()).toList();
    return new DeploymentResult(outcome, request.environment(), request.version(), previous, failedStep, failedGate,
        message, planned, procedure.resultSteps(), report);
  }
}
