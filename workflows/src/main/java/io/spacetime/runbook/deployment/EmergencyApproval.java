package io.spacetime.runbook.deployment;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;

/**
 * A manager's approval of a deployment outside the window (runbook "Emergency Deployment: As
 * needed, with manager approval"). Sent as the {@code approveEmergency} update.
 */
@JsonClassDescription("{\"approver\":\"Dana\",\"reason\":\"CVE fix\"}") // the example input errors show
public record EmergencyApproval(String approver, String reason) {

  public void validate() {
    InputRules.check()
        .person("approver", approver)
        .text("reason", reason, true)
        .orThrow("emergency approval");
  }
}
