package io.spacetime.runbook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.ports.probes.HttpExchange;
import org.junit.jupiter.api.Test;

class HttpOkGateTest {

  static final String URL = "http://10.0.0.1:8080/scene/load";

  @Test
  void passesOnEvery2xx() {
    assertTrue(HttpOkGate.check(exchange(200, ""), "api-1").passed());
    assertTrue(HttpOkGate.check(exchange(299, ""), "api-1").passed());
  }

  @Test
  void failsOn300AndAbove() {
    assertFalse(HttpOkGate.check(exchange(300, ""), "api-1").passed());
    assertEquals("POST " + URL + " → HTTP 500 on api-1: {\"error\":\"scene failed\"}",
        HttpOkGate.check(exchange(500, "{\"error\":\"scene failed\"}\n"), "api-1").reason());
  }

  @Test
  void failsWhenNothingAnswers() {
    HttpExchange refused = new HttpExchange("POST", URL, 0, "", "connection refused", 1);

    assertEquals("POST " + URL + " got no answer on api-1: connection refused", HttpOkGate.check(refused, "api-1").reason());
  }

  static HttpExchange exchange(int status, String body) {
    return new HttpExchange("POST", URL, status, body, "", 12);
  }
}
