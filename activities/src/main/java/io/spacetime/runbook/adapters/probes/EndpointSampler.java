package io.spacetime.runbook.adapters.probes;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.ports.probes.EndpointCheck;
import io.spacetime.runbook.ports.probes.EndpointSample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The incident runbook's error-rate and response-time readings ({@code for endpoint in ...; curl -X POST}):
 * {@code rounds} rounds, each sending one request to every endpoint in turn, sequentially, each with
 * a timeout. A request that gets no HTTP answer counts as status 0. The bearer token is read from
 * the worker's environment for each sample and only ever goes into the {@code Authorization} header:
 * it is not logged, and an error body that echoes it is masked before it reaches the result.
 */
final class EndpointSampler {

  static final int MAX_ROUNDS = 1000;
  static final int MAX_ENDPOINTS = 50;
  static final int ERROR_CHARS = 300;
  /** Kept of an activity's time for reporting when its deadline cuts the sampling short. */
  static final Duration SAFETY = Duration.ofSeconds(5);
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final HttpClient http;
  private final Duration requestTimeout;
  private final Function<String, String> environment;

  EndpointSampler(HttpClient http, Duration requestTimeout, Function<String, String> environment) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.environment = environment;
  }

  List<EndpointSample> sample(List<EndpointCheck> endpoints, int rounds, String bearerTokenEnv) {
    if (endpoints == null || endpoints.isEmpty() || endpoints.size() > MAX_ENDPOINTS) {
      throw nonRetryable(INVALID_INPUT, "sampleEndpoints needs 1 to " + MAX_ENDPOINTS + " endpoints, not "
          + (endpoints == null ? 0 : endpoints.size()));
    }
    if (rounds < 1 || rounds > MAX_ROUNDS) {
      throw nonRetryable(INVALID_INPUT, "sampleEndpoints needs 1 to " + MAX_ROUNDS + " rounds"
          + " (incident.samplesPerEndpoint), not " + rounds);
    }
    Optional<String> token = token(bearerTokenEnv);
    List<Tally> tallies = new ArrayList<>();
    for (EndpointCheck check : endpoints) {
      tallies.add(new Tally(check, request(check, token)));
    }
    long deadline = ActivityContext.remaining(SAFETY).map(left -> System.nanoTime() + left.toNanos()).orElse(Long.MAX_VALUE);
    String stopped = "";
    for (int round = 1; round <= rounds && stopped.isEmpty(); round++) {
      for (Tally tally : tallies) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          stopped = "stopped after " + (round - 1) + " of " + rounds + " rounds at the end of the activity's time;"
              + " give sampleEndpoints longer or fewer rounds";
          break;
        }
        tally.send(http, Duration.ofNanos(Math.min(left, requestTimeout.toNanos())), token);
      }
      ActivityContext.heartbeat("round " + round + " of " + rounds + " to " + tallies.size() + " endpoints");
    }
    String note = stopped;
    return tallies.stream().map(t -> t.result(note)).toList();
  }

  private Optional<String> token(String variable) {
    if (variable == null || variable.isEmpty()) {
      return Optional.empty();
    }
    if (!VARIABLE.matcher(variable).matches()) {
      throw nonRetryable(CONFIGURATION_INVALID, "incident.authTokenEnv '" + variable + "' is not an environment variable name");
    }
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw nonRetryable(CONFIGURATION_INVALID, "incident.authTokenEnv names the environment variable '" + variable
          + "', which is not set on the worker; set it there to a known good API token (the value is a credential"
          + " and stays out of the environment file)");
    }
    return Optional.of(value.trim());
  }

  private HttpRequest.Builder request(EndpointCheck check, Optional<String> token) {
    String method = check.method().toUpperCase(java.util.Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw nonRetryable(INVALID_INPUT, "endpoint " + check.name() + " has the method '" + check.method()
          + "'; use one of " + new java.util.TreeSet<>(METHODS));
    }
    URI uri = ProbeActivitiesImpl.uri(check.url());
    HttpRequest.BodyPublisher body = check.jsonBody().isEmpty() ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(check.jsonBody());
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, body);
    if (!check.jsonBody().isEmpty()) {
      builder.header("Content-Type", "application/json");
    }
    token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
    return builder;
  }

  /** One endpoint's answers so far. */
  private static final class Tally {
    private final EndpointCheck check;
    private final HttpRequest.Builder request;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<Double> answeredMs = new ArrayList<>();
    private int requests;
    private String lastError = "";

    Tally(EndpointCheck check, HttpRequest.Builder request) {
      this.check = check;
      this.request = request;
    }

    void send(HttpClient http, Duration timeout, Optional<String> token) {
      requests++;
      long started = System.nanoTime();
      try {
        HttpResponse<String> response = http.send(request.copy().timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofString());
        answeredMs.add((System.nanoTime() - started) / 1e6);
        statuses.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() >= 400) {
          lastError = masked("HTTP " + response.statusCode() + (response.body().isBlank() ? "" : ": "
              + response.body().strip()), token);
        }
      } catch (IOException e) {
        statuses.merge(0, 1, Integer::sum);
        lastError = masked(ProbeActivitiesImpl.describe(e, timeout), token);
      } catch (InterruptedException e) {
        throw ProbeActivitiesImpl.interrupted(e);
      }
    }

    EndpointSample result(String note) {
      int serverErrors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() < 600)
          .mapToInt(Map.Entry::getValue).sum();
      int unauthorized = statuses.getOrDefault(401, 0) + statuses.getOrDefault(403, 0);
      int noAnswer = statuses.getOrDefault(0, 0);
      List<Double> sorted = answeredMs.stream().sorted().toList();
      double average = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
      String error = note.isEmpty() ? lastError : lastError.isEmpty() ? note : lastError + "; " + note;
      return new EndpointSample(check.name(), check.url(), requests, statuses, serverErrors, unauthorized, noAnswer,
          average, percentile(sorted, 95), max, bounded(error));
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    static double percentile(List<Double> sorted, int p) {
      if (sorted.isEmpty()) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }

    private static String masked(String text, Optional<String> token) {
      return token.filter(t -> !t.isEmpty()).map(t -> text.replace(t, "***")).orElse(text);
    }

    private static String bounded(String text) {
      String oneLine = text.replaceAll("\\s+", " ").strip();
      return oneLine.length() <= ERROR_CHARS ? oneLine : oneLine.substring(0, ERROR_CHARS) + "…";
    }
  }
}
