package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.probes.TelemetryProbe;

/** Step 6 (and 4.1): the telemetry WebSocket connects and its first event is "connected". */
public final class TelemetryGate {

  public static final String GATE = "telemetry";
  static final String CONNECTED = "connected";

  private TelemetryGate() {}

  public static GateResult check(TelemetryProbe p, String host) {
    String where = Measures.on(host);
    if (!p.connected()) {
      return GateResult.fail(GATE, "telemetry " + p.url() + " did not connect" + where
          + (p.error().isEmpty() ? "" : ": " + p.error()));
    }
    return CONNECTED.equals(p.firstEvent())
        ? GateResult.pass(GATE, "telemetry " + p.url() + " first event \"connected\"" + where)
        : GateResult.fail(GATE, "telemetry " + p.url() + " first event was \"" + p.firstEvent() + "\", expected \"connected\"" + where);
  }
}
