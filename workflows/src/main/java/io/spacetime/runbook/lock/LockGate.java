package io.spacetime.runbook.lock;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.GateResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** At most one changing run per environment: the lock was granted, or the reason names who holds it. */
public final class LockGate {

  public static final String GATE = "lock";

  private LockGate() {}

  public static GateResult granted(LockGrant g) {
    return g.granted()
        ? GateResult.pass(GATE, "environment " + g.environment() + " locked for this run")
        : GateResult.fail(GATE, "environment " + g.environment() + " is locked by " + g.holder()
            + " (" + g.holderDescription() + ")");
  }

  /** What the lock call answered, for the report. */
  public static Evidence evidence(LockGrant g) {
    Map<String, String> observed = new LinkedHashMap<>();
    observed.put("holder", g.holder());
    if (!g.holderDescription().isEmpty()) {
      observed.put("holder description", g.holderDescription());
    }
    return new Evidence("", "lock environment " + g.environment(), g.granted() ? "granted" : "refused", "", observed, 0);
  }
}
