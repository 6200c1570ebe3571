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

  /** Step 4 "project.godot valid": it has the {@code [autoload]} section the runbook greps for. */
  public static GateResult autoload(ConfigInstall installed) {
    String where = Measures.on(installed.host());
    return Boolean.TRUE.equals(installed.autoloadSection())
        ? GateResult.pass(GATE, "project.godot has its [autoload] section" + where)
        : GateResult.fail(GATE, "project.godot of " + installed.target().replace("/.env", "") + where
            + " has no [autoload] section (the services the runbook expects are not autoloaded)");
  }

  /** Step 4 "Secrets properly secured": the installed .env is not readable by other users. */
  public static GateResult secured(ConfigInstall installed) {
    String where = Measures.on(installed.host());
    String mode = installed.envMode();
    if (mode.isEmpty()) {
      return GateResult.pass(GATE, "no .env installed" + where + " (the release has none)");
    }
    boolean othersRead = !mode.isEmpty() && (Character.digit(mode.charAt(mode.length() - 1), 8) & 4) != 0;
    return othersRead
        ? GateResult.fail(GATE, installed.target() + where + " is readable by every user (mode " + mode + ")")
        : GateResult.pass(GATE, installed.target() + where + " is not readable by other users (mode " + mode + ")");
  }

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
