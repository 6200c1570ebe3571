package io.spacetime.runbook.deployment;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import java.util.List;

/**
 * A person's answer to the watch window's "consider rollback" (runbook "When to Rollback: Consider
 * Rollback"), sent as the {@code decideRollback} update: roll back now, or keep the release and go
 * on watching.
 *
 * @param decision {@value #ROLLBACK} or {@value #KEEP}
 */
@JsonClassDescription("{\"decision\":\"keep\",\"approver\":\"Dana\",\"reason\":\"known spike from the nightly import\"}")
public record RollbackDecision(String decision, String approver, String reason) implements OperatorDecision {

  public static final String ROLLBACK = "rollback";
  public static final String KEEP = "keep";
  private static final List<String> DECISIONS = List.of(ROLLBACK, KEEP);

  @Override
  public void validate() {
    InputRules rules = InputRules.check();
    if (decision == null || decision.isEmpty()) {
      rules.require(false, "decision is required (\"rollback\" or \"keep\")");
    } else if (!DECISIONS.contains(decision)) {
      rules.require(false, "decision \"" + InputRules.printable(decision) + "\" is not \"rollback\" or \"keep\"");
    }
    rules.person("approver", approver).text("reason", reason, true).orThrow("rollback decision");
  }

  @Override
  public boolean rollsBack() {
    return ROLLBACK.equals(decision);
  }
}
