package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.core.Versions;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import java.util.List;

/** Runbook 2.2 Dependency Check: every required tool is installed at its minimum version or newer. */
public final class ToolVersionsGate {

  public static final String GATE = "tool versions";

  private ToolVersionsGate() {}

  public static GateResult check(List<ToolVersion> tools, String host) {
    String where = Measures.on(host);
    return GateResult.allOf(GATE, tools.stream().map(t -> check(t, where)).toList());
  }

  private static GateResult check(ToolVersion t, String where) {
    if (!t.found()) {
      return GateResult.fail(GATE, t.tool() + " not found" + where + " (needs >= " + t.minVersion() + ")");
    }
    if (t.version().isEmpty()) {
      return GateResult.fail(GATE, t.tool() + " printed no version number" + where + " (needs >= " + t.minVersion() + ")");
    }
    return Versions.compare(t.version(), t.minVersion()) >= 0
        ? GateResult.pass(GATE, t.tool() + " " + t.version() + " >= " + t.minVersion() + where)
        : GateResult.fail(GATE, t.tool() + " " + t.version() + " < " + t.minVersion() + " required" + where);
  }
}
