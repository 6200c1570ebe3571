package io.spacetime.runbook.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.lock.LockGrant;

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
}
