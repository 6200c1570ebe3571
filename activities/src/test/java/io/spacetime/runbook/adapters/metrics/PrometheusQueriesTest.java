package io.spacetime.runbook.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's answers as its HTTP API gives them, from a local server; the real Prometheus is
 * asked in the deploy module's {@code PrometheusQueriesAgainstPrometheusTest}.
 */
class PrometheusQueriesTest {

  static final String ERROR_RATE = "sum(rate(http_requests_total{status=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";

  final AtomicReference<Response> answer = new AtomicReference<>();
  final PrometheusQueries prometheus = new PrometheusQueries();
  HttpTestServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = HttpTestServer.start().on("/", request -> answer.get());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void readsTheFirstSeriesWithItsLabelsAndCountsTheSeries() {
    answer.set(success("vector", "[{\"metric\":{\"instance\":\"api-1:8080\",\"job\":\"spacetime\"},\"value\":[1764669600.1,"
        + "\"0.072\"]},{\"metric\":{\"instance\":\"api-2:8080\"},\"value\":[1764669600.1,\"0.01\"]}]"));

    MetricReading reading = prometheus.instantQuery(server.url(""), ERROR_RATE);

    assertTrue(reading.found());
    assertEquals(0.072, reading.value());
    assertEquals(Map.of("instance", "api-1:8080", "job", "spacetime"), reading.labels());
    assertEquals(2, reading.seriesCount());
    assertEquals(ERROR_RATE, reading.query());
  }

  @Test
  void asksTheInstantQueryEndpointWithTheQueryAndATimeoutForPrometheus() {
    answer.set(success("vector", "[]"));

    prometheus.instantQuery(server.url("/prometheus/"), ERROR_RATE);

    HttpTestServer.Request request = server.requests().get(0);
    assertEquals("GET", request.method());
    assertEquals("/prometheus/api/v1/query", request.path());
    assertEquals(Map.of("query", ERROR_RATE, "timeout", "8s"), parameters(request.query()));
  }

  @Test
  void aQueryThatMatchesNothingIsNotFoundRatherThanAnError() {
    answer.set(success("vector", "[]"));

    MetricReading reading = prometheus.instantQuery(server.url(""), "up{job=\"nothing-here\"}");

    assertFalse(reading.found());
    assertEquals(0, reading.value());
    assertEquals(0, reading.seriesCount());
  }

  @Test
  void aScalarIsItsValue() {
    answer.set(success("scalar", "[1764669600.1,\"42\"]"));

    MetricReading reading = prometheus.instantQuery(server.url(""), "scalar(vector(42))");

    assertTrue(reading.found());
    assertEquals(42, reading.value());
  }

  @Test
  void notANumberAndInfinityAreReadAndSurviveTemporalsJsonConverter() {
    // An error rate with no traffic at all is 0/0.
    answer.set(success("vector", "[{\"metric\":{},\"value\":[1,\"NaN\"]},{\"metric\":{},\"value\":[1,\"+Inf\"]}]"));

    MetricReading reading = prometheus.instantQuery(server.url(""), ERROR_RATE);

    assertTrue(Double.isNaN(reading.value()));
    var converter = DefaultDataConverter.newDefaultInstance();
    MetricReading carried = converter.fromPayload(converter.toPayload(reading).orElseThrow(), MetricReading.class,
        MetricReading.class);
    assertTrue(Double.isNaN(carried.value()));
    answer.set(success("vector", "[{\"metric\":{},\"value\":[1,\"+Inf\"]}]"));
    assertEquals(Double.POSITIVE_INFINITY, prometheus.instantQuery(server.url(""), ERROR_RATE).value());
  }

  @Test
  void aQueryPrometheusRefusesIsNotRetriedAndQuotesPrometheus() {
    answer.set(new Response(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
        + " \\\"query\\\": 1:6: parse error: unexpected end of input\"}"));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> prometheus.instantQuery(server.url(""), "rate("));

    assertEquals("MetricsQueryFailed", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("rate("), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("HTTP 400: bad_data: invalid parameter \"query\": 1:6: parse error"),
        failure.getOriginalMessage());
  }

  @Test
  void aQueryThatFailsToEvaluateIsNotRetried() {
    answer.set(new Response(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"found duplicate series"
        + " for the match group\"}"));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> prometheus.instantQuery(server.url(""), "a * on(job) b"));

    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("execution: found duplicate series"), failure.getOriginalMessage());
  }

  @Test
  void aQueryThatTimesOutInPrometheusIsRetryable() {
    answer.set(new Response(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in"
        + " expression evaluation\"}"));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> prometheus.instantQuery(server.url(""), ERROR_RATE));

    assertEquals("MetricsQueryFailed", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("timeout: query timed out"), failure.getOriginalMessage());
  }

  @Test
  void anUnreachablePrometheusIsRetryable() throws Exception {
    HttpTestServer gone = HttpTestServer.start();
    String url = gone.url("");
    gone.close();

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> prometheus.instantQuery(url, ERROR_RATE));

    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().startsWith("no answer from Prometheus at " + url), failure.getOriginalMessage());
  }

  @Test
  void anAddressThatIsNotPrometheusSaysWhichSettingToCheck() {
    answer.set(new Response(404, "404 page not found"));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> prometheus.instantQuery(server.url("/api/v1"), ERROR_RATE));

    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("HTTP 404: 404 page not found"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("watch.prometheusUrl or incident.prometheusUrl, without /api/v1"), failure.getOriginalMessage());
  }

  @Test
  void aRangeVectorHasNoSingleValueAndTheFailureSaysWhatToWrite() {
    answer.set(success("matrix", "[{\"metric\":{},\"values\":[[1,\"1\"],[2,\"2\"]]}]"));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> prometheus.instantQuery(server.url(""), "http_requests_total[5m]"));

    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("with a matrix, not one value"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("rate(...[5m])"), failure.getOriginalMessage());
  }

  @Test
  void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> prometheus.instantQuery("https://ops:hunter2@prometheus.internal:9090", ERROR_RATE));

    assertEquals("ConfigurationInvalid", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertFalse(failure.getOriginalMessage().contains("hunter2"), failure.getOriginalMessage());
    assertTrue(server.requests().isEmpty());
  }

  private static Response success(String type, String result) {
    return new Response(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"" + type + "\",\"result\":" + result
        + "}}");
  }

  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      String[] nameValue = pair.split("=", 2);
      parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
