package io.spacetime.runbook.ports.probes;

/**
 * One request the incident runbook sends to tell whether an endpoint works ("for endpoint in
 * /status /connect ... curl -X POST"): {@code POST} when {@code jsonBody} is given, {@code GET} otherwise.
 *
 * @param name what the report calls it: {@code /scene/load}
 */
public record EndpointCheck(String name, String method, String url, String jsonBody) {

  public EndpointCheck {
    method = method == null || method.isEmpty() ? (jsonBody == null || jsonBody.isEmpty() ? "GET" : "POST") : method;
    jsonBody = jsonBody == null ? "" : jsonBody;
  }

  public static EndpointCheck get(String name, String url) {
    return new EndpointCheck(name, "GET", url, "");
  }

  public static EndpointCheck post(String name, String url, String jsonBody) {
    return new EndpointCheck(name, "POST", url, jsonBody);
  }
}
