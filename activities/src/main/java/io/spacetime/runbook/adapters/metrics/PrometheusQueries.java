package io.spacetime.runbook.adapters.metrics;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.adapters.AdapterFailures.retryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;
import static io.spacetime.runbook.core.FailureTypes.METRICS_QUERY_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.adapters.HttpAnswers;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.spacetime.runbook.ports.metrics.MetricsActivities;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MetricsActivities} over Prometheus's HTTP API ({@code GET /api/v1/query}), the runbook's
 * {@code curl -s "https://prometheus.company.com/api/v1/query?query=..." | jq '.data.result[0].value[1]'}.
 *
 * <p>Reads, never decides: the gate compares the value. Every request has a timeout, and the query
 * carries a shorter one for Prometheus itself, so a slow query comes back as Prometheus's "query
 * timed out" rather than as silence. Failures follow {@link HttpAnswers}: Prometheus down, busy or
 * timing out (no answer, 429, 5xx) is retryable; a query it refuses ({@code bad_data},
 * {@code execution}) is not, with Prometheus's own words and the query.
 */
public final class PrometheusQueries implements MetricsActivities {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Prometheus gives up first, and says so, before the request times out. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(8);

  private static final Logger log = LoggerFactory.getLogger(PrometheusQueries.class);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public MetricReading instantQuery(String prometheusUrl, String query) {
    if (query == null || query.isBlank()) {
      throw nonRetryable(CONFIGURATION_INVALID, "the Prometheus query is empty; nothing was asked");
    }
    String base = baseUrl(prometheusUrl);
    URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&timeout=" + QUERY_TIMEOUT.toSeconds() + "s");
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
        .GET().build();
    String asked = "Prometheus at " + base + " for " + query;
    long started = System.nanoTime();
    HttpResponse<String> response = send(request, asked);
    long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    JsonNode answer = parse(response.body());
    if (!HttpAnswers.succeeded(response.statusCode()) || !"success".equals(answer.path("status").asText())) {
      throw HttpAnswers.failure(METRICS_QUERY_FAILED, response, "asked " + asked + ": HTTP " + response.statusCode()
          + reason(answer, response.body()), refusedQuery(response.statusCode())
              ? "the query is wrong: try it in Prometheus's Graph page"
              : "is " + base + " the Prometheus base URL (watch.prometheusUrl or incident.prometheusUrl, without /api/v1)?");
    }
    answer.path("warnings").forEach(warning -> log.warn("Prometheus warns about {}: {}", query, warning.asText()));
    MetricReading reading = reading(query, answer.path("data"), durationMs, base);
    log.debug("{} = {} ({} series, {} ms)", query, reading.found() ? reading.value() : "nothing", reading.seriesCount(),
        durationMs);
    return reading;
  }

  /**
   * An instant vector: the first series (its value and labels) and how many matched; a scalar: its
   * value. A range vector ({@code metric[5m]} without a function) has no single value: refused.
   */
  private static MetricReading reading(String query, JsonNode data, long durationMs, String base) {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (type) {
      case "vector" -> {
        if (result.isEmpty()) {
          return new MetricReading(query, false, 0, Map.of(), 0, durationMs);
        }
        JsonNode first = result.get(0);
        Map<String, String> labels = new LinkedHashMap<>();
        first.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return new MetricReading(query, true, sampleValue(first.path("value"), query), labels, result.size(), durationMs);
      }
      case "scalar" -> {
        return new MetricReading(query, true, sampleValue(result, query), Map.of(), 1, durationMs);
      }
      default -> throw nonRetryable(METRICS_QUERY_FAILED, "Prometheus at " + base + " answered " + query + " with a "
          + (type.isEmpty() ? "result of no type" : type) + ", not one value; wrap a range selector in a function"
          + " (rate(...[5m]), max_over_time(...)) so the query has an instant value");
    }
  }

  /** {@code [<unix time>, "<value>"]}, the value a Go float: "NaN", "+Inf" and "-Inf" included. */
  private static double sampleValue(JsonNode sample, String query) {
    String text = sample.path(1).asText();
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw nonRetryable(METRICS_QUERY_FAILED, "Prometheus answered " + query + " with the value '" + text
              + "', which is not a number");
        }
      }
    };
  }

  private HttpResponse<String> send(HttpRequest request, String asked) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw retryable(METRICS_QUERY_FAILED, "no answer from " + asked + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); retried by the activity's retry policy");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + asked, e);
    }
  }

  /** 400 bad_data and 422 execution: Prometheus understood the request and refused the query in it. */
  private static boolean refusedQuery(int status) {
    return status == 400 || status == 422;
  }

  /** The body as JSON, or a missing node when it is not JSON (a proxy's error page, a wrong URL). */
  private JsonNode parse(String body) {
    try {
      JsonNode node = json.readTree(body);
      return node == null ? json.missingNode() : node;
    } catch (IOException notJson) {
      return json.missingNode();
    }
  }

  /** ": <errorType>: <error>" from Prometheus's error answer, or the start of a body that is not one. */
  private static String reason(JsonNode answer, String body) {
    if (answer.hasNonNull("error")) {
      return ": " + answer.path("errorType").asText("error") + ": " + answer.get("error").asText();
    }
    String text = body.strip();
    return text.isEmpty() ? "" : ": " + (text.length() <= 200 ? text : text.substring(0, 200) + "...");
  }

  private static String baseUrl(String prometheusUrl) {
    String base = prometheusUrl == null ? "" : prometheusUrl.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException malformed) {
      uri = null;
    }
    if (uri != null && uri.getRawUserInfo() != null) {
      // Not echoed: the part before '@' is a password.
      throw nonRetryable(CONFIGURATION_INVALID, "incident.prometheusUrl carries credentials (user:password@);"
          + " give the address only");
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null) {
      throw nonRetryable(CONFIGURATION_INVALID, "incident.prometheusUrl \"" + base + "\" is not the http(s) address of"
          + " Prometheus (e.g. http://prometheus.internal:9090)");
    }
    return base;
  }
}
