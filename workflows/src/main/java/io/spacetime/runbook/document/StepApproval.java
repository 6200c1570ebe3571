package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.deployment.OperatorDecision;
import java.util.List;

/**
 * A person's answer to a document's {@code approve} step, sent as the {@code approve} update.
 *
 * @param decision {@value #APPROVE} or {@value #REJECT}
 */
@JsonClassDescription("{\"decision\":\"approve\",\"approver\":\"Dana\",\"reason\":\"maintenance window agreed\"}")
public record StepApproval(String decision, String approver, String reason) implements OperatorDecision {

  public static final String APPROVE = "approve";
  public static final String REJECT = "reject";
  private static final List<String> DECISIONS = List.of(APPROVE, REJECT);

  @Override
  public void validate() {
    InputRules rules = InputRules.check();
    if (decision == null || decision.isEmpty()) {
      rules.require(false, "decision is required (\"approve\" or \"reject\")");
    } else if (!DECISIONS.contains(decision)) {
      rules.require(false, "decision \"" + InputRules.printable(decision) + "\" is not \"approve\" or \"reject\"");
    }
    rules.person("approver", approver).text("reason", reason, true).orThrow("approval");
  }

  /** A rejection fails the step, as a failed gate does. */
  @Override
  public boolean rollsBack() {
    return REJECT.equals(decision);
  }
}
