package io.spacetime.runbook.probes;

/** One HTTP request and its answer (POST /connect, POST /scene/load, webhook). */
public record HttpExchange(String method, String url, int status, String bodyTail, String error, long durationMs) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
