package io.spacetime.runbook.deployment;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import java.util.List;

/**
 * A person's answer to a rollout's approval pause between two batches, sent as the
 * {@code continueRollout} update: deploy the next batch, or roll back every host deployed so far.
 *
 * @param decision {@value #CONTINUE} or {@value #ROLLBACK}
 */
@JsonClassDescription("{\"decision\":\"continue\",\"approver\":\"Dana\",\"reason\":\"canary metrics look normal\"}")
public record RolloutApproval(String decision, String approver, String reason) implements OperatorDecision {

  public static final String CONTINUE = "continue";
  public static final String ROLLBACK = "rollback";
  private static final List<String> DECISIONS = List.of(CONTINUE, ROLLBACK);

  @Override
  public void validate() {
    InputRules rules = InputRules.check();
    if (decision == null || decision.isEmpty()) {
      rules.require(false, "decision is required (\"continue\" or \"rollback\")");
    } else if (!DECISIONS.contains(decision)) {
      rules.require(false, "decision \"" + InputRules.printable(decision) + "\" is not \"continue\" or \"rollback\"");
    }
    rules.person("approver", approver).text("reason", reason, true).orThrow("rollout approval");
  }

  @Override
  public boolean rollsBack() {
    return ROLLBACK.equals(decision);
  }
}
