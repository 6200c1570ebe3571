package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.CommandEvidence;

/** A configured command that must succeed (the 4.1 staging test suite, the staging start): exit 0. */
public final class CommandGate {

  public static final String GATE = "command";

  private CommandGate() {}

  /** @param what what the command is, in the runbook's words ("staging test suite") */
  public static GateResult succeeded(CommandEvidence c, String what) {
    String where = Measures.on(c.host());
    if (c.succeeded()) {
      return GateResult.pass(GATE, what + " passed" + where + " (exit 0)");
    }
    String output = Measures.lastLine(c.stderrTail().isBlank() ? c.stdoutTail() : c.stderrTail());
    return GateResult.fail(GATE, what + " failed" + where + " (exit " + c.exitCode() + ")"
        + (output.isEmpty() ? "" : ": " + output));
  }
}
