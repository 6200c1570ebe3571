package io.spacetime.runbook.document;

/**
 * {@code http}: one request from the worker and what its answer must be. Placeholders in the URL are
 * declared parameters (URL-encoded) and, with {@code on}, each host's {@code {apiUrl}} and {@code {statusUrl}}.
 *
 * @param on absent: one request; {@code all}, {@code one} or a host group: one request per host
 * @param expectJson a JSON pointer into the answer's body and the text its value must equal
 * @param retryFor empty: one request; a duration ({@code 60s}): asked again until the answer is the expected one
 *     or that time has passed (a service just started becomes ready)
 */
public record HttpAction(String method, String url, String body, String on, Integer expectStatus,
    JsonExpectation expectJson, String retryFor) {

  public HttpAction {
    method = method == null ? "GET" : method;
    body = body == null ? "" : body;
    on = on == null ? "" : on;
    expectStatus = expectStatus == null ? 200 : expectStatus;
    retryFor = retryFor == null ? "" : retryFor;
  }

  /** A field of the JSON answer: {@code {"pointer": "/overall_ready", "equals": "true"}}. */
  public record JsonExpectation(String pointer, String equals) {}
}
