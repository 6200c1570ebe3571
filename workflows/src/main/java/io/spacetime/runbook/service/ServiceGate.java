package io.spacetime.runbook.service;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.ServiceState;
import java.util.List;

/**
 * Step 2 "Service stopped cleanly, ports released" and Step 5 "Service started successfully"
 * (the service manager's view; readiness is the {@link StatusGate}'s).
 */
public final class ServiceGate {

  public static final String GATE = "service";

  private ServiceGate() {}

  public static GateResult stopped(ServiceState s) {
    return GateResult.allOf(GATE, List.of(inactive(s), portsReleased(s)));
  }

  /** Step 2 "Service stopped cleanly": the service manager says inactive. */
  public static GateResult inactive(ServiceState s) {
    String where = Measures.on(s.host());
    return s.active()
        ? GateResult.fail(GATE, "service still active" + where + " after the stop")
        : GateResult.pass(GATE, "service inactive" + where);
  }

  /** Step 2 "Ports released". */
  public static GateResult portsReleased(ServiceState s) {
    return s.listeningPorts().isEmpty()
        ? GateResult.pass(GATE, "service ports released")
        : GateResult.fail(GATE, "ports " + s.listeningPorts() + " still listening" + Measures.on(s.host()) + " after the stop");
  }

  /** Step 2 "No lingering processes": nothing runs from the release that served any more. */
  public static GateResult noLingering(ServiceState s) {
    String where = Measures.on(s.host());
    return s.lingering().isEmpty()
        ? GateResult.pass(GATE, "no process runs from the stopped release" + where)
        : GateResult.fail(GATE, "processes " + s.lingering() + " still run from the stopped release" + where
            + ": stop them before the release is replaced");
  }

  /**
   * Step 5 "Service fails to start after 3 attempts": passes when the last attempt's verdict
   * passed; fails once {@code maxAttempts} attempts failed, listing why each one did.
   *
   * @param attempts each start attempt's verdict (started, then ready), in order
   */
  public static GateResult becameReady(List<GateResult> attempts, int maxAttempts) {
    GateResult last = attempts.get(attempts.size() - 1);
    if (last.passed()) {
      return GateResult.pass(GATE, "ready after attempt " + attempts.size() + " of " + maxAttempts + ": " + last.reason());
    }
    StringBuilder why = new StringBuilder();
    for (int i = 0; i < attempts.size(); i++) {
      why.append(i == 0 ? "" : "; ").append("attempt ").append(i + 1).append(": ").append(attempts.get(i).reason());
    }
    return GateResult.fail(GATE, "service did not become ready after " + attempts.size() + " attempts (" + why + ")");
  }

  public static GateResult started(ServiceState s) {
    String where = Measures.on(s.host());
    if (!s.active()) {
      return GateResult.fail(GATE, "service not active" + where + " after the start command (see its log)");
    }
    return GateResult.pass(GATE, s.startSkipped()
        ? "service already active" + where + " (start skipped: it was started before, so which release it runs is checked separately)"
        : "service active" + where);
  }

  /**
   * Which release answers: the process on the API port runs from {@code expectedDir} (its working
   * directory). Not checked, and said so, when the host does not let the deploy user see it.
   */
  public static GateResult servesFrom(ServiceState s, String expectedDir) {
    String where = Measures.on(s.host());
    if (s.servingDir().isEmpty()) {
      return GateResult.pass(GATE, "serving directory not checked" + where + ": " + s.servingDirUnknown());
    }
    String dir = s.servingDir().substring(s.servingDir().lastIndexOf('/') + 1);
    return dir.equals(expectedDir)
        ? GateResult.pass(GATE, "the process on the API port runs from " + s.servingDir() + where)
        : GateResult.fail(GATE, "the process on the API port runs from " + s.servingDir() + where + ", not from "
            + expectedDir + ": another release answers");
  }

  /** True when the state proves the process on the API port runs from {@code expectedDir}. */
  public static boolean confirmsDir(ServiceState s, String expectedDir) {
    return !s.servingDir().isEmpty() && s.servingDir().substring(s.servingDir().lastIndexOf('/') + 1).equals(expectedDir);
  }
}
