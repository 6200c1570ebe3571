package io.spacetime.runbook.adapters.probes;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.probes.EndpointCheck;
import io.spacetime.runbook.ports.probes.EndpointSample;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import io.spacetime.runbook.ports.probes.PortReachability;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link ProbeActivities} with {@code java.net.http}: one shared client (HTTP/1.1, 5 s connect
 * timeout), a timeout on every request, and results that describe what happened instead of
 * throwing: the gates decide. Only malformed arguments (a URL that is not one) and a credential the
 * environment names but the worker lacks fail the activity.
 */
public final class ProbeActivitiesImpl implements ProbeActivities, io.spacetime.runbook.ports.probes.HttpRequests {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  static final int BODY_TAIL_CHARS = 2048;

  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final LoadGenerator loadGenerator;
  private final TlsProbe tls = new TlsProbe(CONNECT_TIMEOUT);
  private final EndpointSampler endpointSampler;

  /** Reads the incident probes' bearer token from the worker's process environment. */
  public ProbeActivitiesImpl() {
    this(System::getenv);
  }

  /** Reads the bearer token with {@code environment} (variable name to value, null when unset). */
  public ProbeActivitiesImpl(Function<String, String> environment) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.loadGenerator = new LoadGenerator(http, REQUEST_TIMEOUT);
    this.endpointSampler = new EndpointSampler(http, REQUEST_TIMEOUT, environment);
  }

  @Override
  public StatusReport status(String statusUrl) {
    return probeStatus(statusUrl, REQUEST_TIMEOUT, 1, 0);
  }

  @Override
  public StatusReport awaitReady(String statusUrl, int timeoutSeconds) {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(Math.max(1, timeoutSeconds));
    int attempts = 0;
    while (true) {
      attempts++;
      // At least a second per request, so the last attempt is a real one and not an instant timeout.
      Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
      StatusReport report = probeStatus(statusUrl, min(REQUEST_TIMEOUT, remaining), attempts, elapsedMs(started));
      if (report.overallReady() || System.nanoTime() + POLL_INTERVAL.toNanos() >= deadline) {
        return report;
      }
      ActivityContext.heartbeat("attempt " + attempts + ": " + (report.error().isEmpty()
          ? "HTTP " + report.httpStatus() + ", overall_ready false" : report.error()));
      sleep(POLL_INTERVAL);
    }
  }

  @Override
  public HttpExchange post(String url, String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).timeout(REQUEST_TIMEOUT);
    if (jsonBody == null || jsonBody.isEmpty()) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new HttpExchange("POST", url, response.statusCode(), tail(response.body()), "", elapsedMs(started));
    } catch (IOException e) {
      return new HttpExchange("POST", url, 0, "", describe(e, REQUEST_TIMEOUT), elapsedMs(started));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /** A document's {@code http} step: any of the four methods, a JSON body when one is given. */
  @Override
  public HttpExchange httpRequest(String method, String url, String jsonBody) {
    if (!java.util.List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
      throw nonRetryable(INVALID_INPUT, "HTTP method \"" + method + "\" is not GET, POST, PUT or DELETE");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).timeout(REQUEST_TIMEOUT);
    if (jsonBody == null || jsonBody.isEmpty()) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new HttpExchange(method, url, response.statusCode(), tail(response.body()), "", elapsedMs(started));
    } catch (IOException e) {
      return new HttpExchange(method, url, 0, "", describe(e, REQUEST_TIMEOUT), elapsedMs(started));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  @Override
  public TelemetryProbe probeTelemetry(String url, int timeoutSeconds) {
    Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    long started = System.nanoTime();
    CompletableFuture<String> firstMessage = new CompletableFuture<>();
    WebSocket socket;
    try {
      socket = http.newWebSocketBuilder().connectTimeout(timeout)
          .buildAsync(uri(url), new FirstMessage(firstMessage))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      return new TelemetryProbe(url, false, "", describe(cause, timeout), elapsedMs(started));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    try {
      long remaining = Math.max(1, timeout.toMillis() - elapsedMs(started));
      String message = firstMessage.get(remaining, TimeUnit.MILLISECONDS);
      return new TelemetryProbe(url, true, event(message), "", elapsedMs(started));
    } catch (TimeoutException e) {
      return new TelemetryProbe(url, true, "", "connected, but no message within " + timeout.toSeconds() + " s",
          elapsedMs(started));
    } catch (ExecutionException e) {
      return new TelemetryProbe(url, true, "", describe(e.getCause(), timeout), elapsedMs(started));
    } catch (InterruptedException e) {
      throw interrupted(e);
    } finally {
      socket.abort();
    }
  }

  @Override
  public ResponseTimes sampleResponseTimes(String url, int count) {
    if (count < 1 || count > 1000) {
      throw nonRetryable(INVALID_INPUT, "sampleResponseTimes needs 1 to 1000 requests, not " + count);
    }
    HttpRequest request = HttpRequest.newBuilder(uri(url)).timeout(REQUEST_TIMEOUT).GET().build();
    int failures = 0;
    int answered = 0;
    double totalMs = 0;
    double maxMs = 0;
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        double ms = (System.nanoTime() - started) / 1e6;
        answered++;
        totalMs += ms;
        maxMs = Math.max(maxMs, ms);
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
          failures++;
        }
      } catch (IOException e) {
        failures++;
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
    }
    return new ResponseTimes(url, count, failures, answered == 0 ? 0 : totalMs / answered, maxMs);
  }

  @Override
  public LoadTestReport loadTest(String url, int users, int durationSeconds) {
    if (users < 1 || users > 1000 || durationSeconds < 1 || durationSeconds > 3600) {
      throw nonRetryable(INVALID_INPUT, "loadTest needs 1 to 1000 users and 1 to 3600 seconds, not " + users
          + " users for " + durationSeconds + " s (loadTest.users, loadTest.durationSeconds)");
    }
    return loadGenerator.run(uri(url), users, Duration.ofSeconds(durationSeconds));
  }

  @Override
  public CertificateInfo endpointCertificate(String httpsUrl) {
    URI uri = uri(httpsUrl);
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw nonRetryable(INVALID_INPUT, "tls.endpoint must be an https:// URL with a host, not \"" + httpsUrl + "\"");
    }
    return tls.certificate(httpsUrl, uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort());
  }

  @Override
  public PortReachability reachablePorts(String address, List<Integer> ports) {
    if (ports.isEmpty()) {
      return new PortReachability(address, List.of(), List.of());
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(ports.size(), 16), runnable -> {
      Thread thread = new Thread(runnable, "port-probe");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Boolean>> connects = new ArrayList<>();
      for (int port : ports) {
        connects.add(pool.submit(() -> connects(address, port)));
      }
      List<Integer> reachable = new ArrayList<>();
      List<Integer> unreachable = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        (connects.get(i).get() ? reachable : unreachable).add(ports.get(i));
      }
      return new PortReachability(address, reachable, unreachable);
    } catch (ExecutionException e) {
      throw new IllegalStateException("port probe failed unexpectedly", e.getCause());
    } catch (InterruptedException e) {
      throw interrupted(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private StatusReport probeStatus(String url, Duration timeout, int attempts, long waitedMs) {
    HttpRequest request = HttpRequest.newBuilder(uri(url)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      try {
        JsonNode status = json.readTree(body);
        if (status == null || !status.isObject()) {
          throw new IOException("not a JSON object");
        }
        return new StatusReport(url, response.statusCode(), status.path("overall_ready").asBoolean(false),
            status.path("debug_adapter").path("state").asInt(-1),
            status.path("language_server").path("state").asInt(-1), tail(body), "", waitedMs, attempts);
      } catch (IOException notJson) {
        return new StatusReport(url, response.statusCode(), false, -1, -1, tail(body),
            "HTTP " + response.statusCode() + " with a body that is not the /status JSON object", waitedMs, attempts);
      }
    } catch (IOException e) {
      return new StatusReport(url, 0, false, -1, -1, "", describe(e, timeout), waitedMs, attempts);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private String event(String message) {
    try {
      return json.readTree(message).path("event").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean connects(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static URI uri(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(url, "no scheme or host");
      }
      return uri;
    } catch (URISyntaxException | NullPointerException e) {
      throw nonRetryable(INVALID_INPUT, "\"" + url + "\" is not a URL like http://10.0.1.50:8080/status");
    }
  }

  /** Why a request got no answer, in words an operator can act on. */
  static String describe(Throwable e, Duration timeout) {
    if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      return "connection refused: nothing listens there";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  static String tail(String body) {
    return body == null ? "" : body.length() <= BODY_TAIL_CHARS ? body : body.substring(body.length() - BODY_TAIL_CHARS);
  }

  static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  static IllegalStateException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while probing", e);
  }

  /** Collects the first text message (which may arrive in parts). */
  private static final class FirstMessage implements WebSocket.Listener {
    private final CompletableFuture<String> first;
    private final StringBuilder text = new StringBuilder();

    FirstMessage(CompletableFuture<String> first) {
      this.first = first;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        first.complete(text.toString());
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      first.completeExceptionally(new IOException("the server closed the connection (" + statusCode + " " + reason + ")"));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      first.completeExceptionally(error);
    }
  }

  @Override
  public List<EndpointSample> sampleEndpoints(List<EndpointCheck> endpoints, int rounds, String bearerTokenEnv) {
    return endpointSampler.sample(endpoints, rounds, bearerTokenEnv);
  }
}
