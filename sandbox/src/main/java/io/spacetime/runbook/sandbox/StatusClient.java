package io.spacetime.runbook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.sandbox.hosts.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code GET /status} against a sandbox host's service, with a timeout on connect and on the answer.
 * Never throws: what went wrong is in the {@link ServiceStatus} it returns.
 */
public final class StatusClient {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  /** One request to {@code <baseUrl>/status}. */
  public ServiceStatus get(String baseUrl) {
    String url = baseUrl + "/status";
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      try {
        JsonNode body = json.readTree(response.body());
        return new ServiceStatus(url, response.statusCode(), body.path("overall_ready").asBoolean(false),
            body.path("version").asText(""), response.body(), "");
      } catch (IOException e) {
        return new ServiceStatus(url, response.statusCode(), false, "", response.body(), "body is not JSON");
      }
    } catch (IOException e) {
      return new ServiceStatus(url, 0, false, "", "", e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ServiceStatus(url, 0, false, "", "", "interrupted");
    }
  }

  /** Polls until {@code overall_ready} or the timeout; returns the last answer either way. */
  public ServiceStatus awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
    return Poll.until(timeout, Poll.INTERVAL, () -> get(baseUrl), ServiceStatus::overallReady);
  }
}
