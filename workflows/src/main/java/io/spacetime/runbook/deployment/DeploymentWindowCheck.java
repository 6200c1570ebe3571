package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.DEPLOYMENT_WINDOW;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.deployment.gates.DeploymentWindow;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.service.EvidenceOf;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook "Deployment Window", by workflow time: inside a standard window the run proceeds;
 * outside, a standard deployment is refused, and an emergency one waits for a manager's approval
 * (the {@code approveEmergency} update) until the environment's approval timeout.
 */
final class DeploymentWindowCheck {

  static final String WAITING_FOR = "emergency approval (approveEmergency update)";

  private final Deployment d;
  private final Procedure procedure;
  private final EmergencyApprovals approvals;

  DeploymentWindowCheck(Deployment deployment, EmergencyApprovals approvals) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.approvals = approvals;
  }

  void run() {
    procedure.begin(DEPLOYMENT_WINDOW, "");
    GateResult window = DeploymentWindow.check(Workflow.currentTimeMillis(), d.env().deploymentWindows());
    if (!window.passed() && d.request().dryRun()) {
      procedure.skipCurrent("dry run; a real deployment now would " + (d.request().emergency()
          ? "wait for an emergency approval: " : "be refused: ") + window.reason());
    } else if (!window.passed() && d.request().emergency()) {
      awaitEmergencyApproval(window);
    } else {
      procedure.check(window);
      procedure.pass("");
    }
  }

  private void awaitEmergencyApproval(GateResult outside) {
    int minutes = d.env().deploymentWindows().approvalTimeoutMinutes();
    approvals.open();
    procedure.waitingFor(WAITING_FOR);
    procedure.evidence(d.team().sendBestEffort(Notice.WARNING, d.title() + " waits for an emergency approval",
        outside.reason() + "\nReason: " + d.request().reason()
            + "\nApprove with the approveEmergency update (CLI: approve ID --by NAME --reason R) within "
            + minutes + " minutes.").evidence());
    Optional<EmergencyApproval> approval = approvals.await(Duration.ofMinutes(minutes));
    procedure.waitingFor("");
    approval.ifPresent(a -> procedure.evidence(EvidenceOf.note("", "approveEmergency", "approved",
        Map.of("approver", a.approver(), "reason", a.reason()))));
    procedure.check(approval
        .map(a -> DeploymentWindow.emergencyApproved(outside, a.approver(), a.reason()))
        .orElseGet(() -> DeploymentWindow.noEmergencyApproval(outside, minutes)));
    procedure.pass("");
  }
}
