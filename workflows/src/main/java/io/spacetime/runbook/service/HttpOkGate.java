package io.spacetime.runbook.service;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.probes.HttpExchange;

/** A request the runbook expects to succeed ({@code POST /connect}, {@code POST /scene/load}, maintenance): HTTP 2xx. */
public final class HttpOkGate {

  public static final String GATE = "HTTP";

  private HttpOkGate() {}

  public static GateResult check(HttpExchange e, String host) {
    String request = e.method() + " " + e.url();
    String where = Measures.on(host);
    if (e.status() == 0) {
      return GateResult.fail(GATE, request + " got no answer" + where + (e.error().isEmpty() ? "" : ": " + e.error()));
    }
    return e.ok()
        ? GateResult.pass(GATE, request + " → HTTP " + e.status() + where)
        : GateResult.fail(GATE, request + " → HTTP " + e.status() + where + bodyOf(e));
  }

  private static String bodyOf(HttpExchange e) {
    String body = e.bodyTail() == null ? "" : e.bodyTail().strip();
    return body.isEmpty() ? "" : ": " + Measures.shorten(body.replace('\n', ' '), 200);
  }
}
