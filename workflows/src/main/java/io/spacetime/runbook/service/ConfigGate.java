package io.spacetime.runbook.service;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.environment.Ports;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 4 Configuration Update: the installed {@code .env} has the environment's ports
 * (API_PORT, TELEMETRY_PORT, DAP_PORT, LSP_PORT), as the runbook's {@code grep} shows them.
 */
public final class ConfigGate {

  public static final String GATE = "config";

  private ConfigGate() {}

  public static GateResult check(ConfigInstall installed, Ports ports) {
    String where = " in " + installed.target() + Measures.on(installed.host());
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("API_PORT", ports.api());
    expected.put("TELEMETRY_PORT", ports.telemetry());
    expected.put("DAP_PORT", ports.dap());
    expected.put("LSP_PORT", ports.lsp());
    List<GateResult> parts = expected.entrySet().stream().map(e -> {
      String actual = installed.ports().get(e.getKey());
      String wanted = String.valueOf(e.getValue());
      if (actual == null) {
        return GateResult.fail(GATE, e.getKey() + " missing" + where);
      }
      return actual.strip().equals(wanted)
          ? GateResult.pass(GATE, e.getKey() + "=" + wanted)
          : GateResult.fail(GATE, e.getKey() + "=" + actual + where + ", the environment says " + wanted);
    }).toList();
    GateResult verdict = GateResult.allOf(GATE, parts);
    return verdict.passed() ? GateResult.pass(GATE, verdict.reason() + where) : verdict;
  }
}
