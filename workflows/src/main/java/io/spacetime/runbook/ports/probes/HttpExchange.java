package io.spacetime.runbook.ports.probes;

/** One HTTP request and its answer (POST /connect, POST /scene/load, webhook). */
public record HttpExchange(String method, String url, int status, String bodyTail, String error, long durationMs) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public HttpExchange {
    method = method == null ? "" : method;
    url = url == null ? "" : url;
    bodyTail = bodyTail == null ? "" : bodyTail;
    error = error == null ? "" : error;
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
