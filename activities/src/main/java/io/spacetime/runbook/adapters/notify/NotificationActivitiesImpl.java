package io.spacetime.runbook.adapters.notify;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.adapters.AdapterFailures.retryable;
import static io.spacetime.runbook.core.FailureTypes.NOTIFICATION_FAILED;
import static io.spacetime.runbook.core.FailureTypes.NOTIFICATION_MISCONFIGURED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.adapters.HttpAnswers;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import io.spacetime.runbook.ports.notify.Page;
import io.spacetime.runbook.ports.notify.PagingSettings;
import io.spacetime.runbook.ports.probes.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NotificationActivities}: a console line (logger {@value #CONSOLE_LOGGER}), a
 * Slack-compatible webhook, PagerDuty Events v2 pages, and the maintenance switch. The webhook
 * URL, the routing key and the maintenance token are credentials: they are read from the
 * environment variables the settings name, at the moment of use, and never logged, returned or put
 * in a failure message.
 *
 * <p>Webhook and PagerDuty answers are judged by {@link HttpAnswers} (429 and 5xx retryable, with
 * their Retry-After; any other refusal not); a page is sent once per attempt and PagerDuty
 * deduplicates a retried trigger by its dedup key, so a retry after a lost answer is harmless.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {

  public static final String CONSOLE_LOGGER = "runbook.notifications";

  private static final Logger console = LoggerFactory.getLogger(CONSOLE_LOGGER);
  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String NOT_PAGED = "pagerduty not configured (incident.paging.routingKeyEnv is empty): console only";

  private final Function<String, String> environment;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final ObjectMapper json = new ObjectMapper();

  /** Reads secrets from the worker's process environment. */
  public NotificationActivitiesImpl() {
    this(System::getenv);
  }

  /** Reads secrets with {@code environment} (variable name to value, null when unset). */
  public NotificationActivitiesImpl(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Delivery notify(NotificationSettings settings, Notice notice) {
    List<String> channels = new ArrayList<>();
    if (settings.console()) {
      console.info("[{}] {}: {} - {} (run {})", notice.environment(), notice.severity(), notice.title(),
          notice.text(), notice.runId());
      channels.add("console");
    }
    if (!settings.webhookUrlEnv().isBlank()) {
      channels.add(postToWebhook(settings, notice));
    }
    return new Delivery(channels);
  }

  @Override
  public HttpExchange setMaintenance(MaintenanceSettings settings, boolean enabled, String reason) {
    if (!settings.enabled()) {
      return new HttpExchange("POST", "", 0, "", "maintenance mode is off for this environment"
          + " (maintenance.enabled: false); nothing was sent", 0);
    }
    String url = settings.url().replaceAll("/+$", "") + (enabled ? "/enable" : "/disable");
    String token = secret(settings.tokenEnv(), "maintenance.tokenEnv");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(url, "maintenance.url"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token);
    if (enabled) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reason", reason);
      body.put("duration", settings.durationMinutes());
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
    } else {
      request.POST(HttpRequest.BodyPublishers.noBody());
    }
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      log.info("maintenance {} requested at {}: HTTP {}", enabled ? "enable" : "disable", url, response.statusCode());
      return new HttpExchange("POST", url, response.statusCode(), tail(response.body()), "", elapsedMs(started));
    } catch (IOException e) {
      log.info("maintenance {} request to {} failed: {}", enabled ? "enable" : "disable", url, e.toString());
      return new HttpExchange("POST", url, 0, "", "no answer from " + url + ": " + e.getClass().getSimpleName(),
          elapsedMs(started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while switching maintenance mode", e);
    }
  }

  /** Posts the notice; returns the channel's description, or throws as {@link HttpAnswers} says. */
  private String postToWebhook(NotificationSettings settings, Notice notice) {
    String variable = settings.webhookUrlEnv();
    String url = secret(variable, "notifications.webhookUrlEnv");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", "*[" + notice.environment() + "] " + notice.severity() + ": " + notice.title() + "*\n"
        + notice.text() + "\nRun: " + notice.runId());
    body.put("channel", settings.channel());
    HttpRequest request = HttpRequest.newBuilder(uri(url, "the value of $" + variable))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(body)))
        .build();
    String webhook = "the webhook in $" + variable;
    HttpResponse<String> response = send(request, webhook);
    if (!HttpAnswers.succeeded(response.statusCode())) {
      // Slack answers a refusal with a short code (invalid_payload, channel_not_found): worth showing.
      throw HttpAnswers.failure(NOTIFICATION_FAILED, response,
          webhook + " answered HTTP " + response.statusCode() + answerText(response.body(), url),
          "check the URL in $" + variable + " and notifications.channel (" + settings.channel() + ")");
    }
    return "webhook " + response.statusCode();
  }

  @Override
  public Delivery page(PagingSettings settings, Page page) {
    console.info(PagerDutyEvent.consoleLine(page));
    PagerDutyEvent.check(page);
    if (!settings.configured()) {
      return new Delivery(List.of("console", NOT_PAGED));
    }
    String variable = settings.routingKeyEnv();
    String routingKey = secret(variable, "incident.paging.routingKeyEnv");
    HttpRequest request = HttpRequest.newBuilder(uri(settings.url(), "incident.paging.url"))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(PagerDutyEvent.body(routingKey, page))))
        .build();
    String event = "the " + page.action() + " event of dedup key " + page.dedupKey();
    HttpResponse<String> response = send(request, "PagerDuty at " + settings.url());
    if (!HttpAnswers.succeeded(response.statusCode())) {
      // PagerDuty's errors may quote what it refused; the routing key must not travel on in them.
      String reason = PagerDutyEvent.reason(response.body().replace(routingKey, "<routing key>"), json);
      throw HttpAnswers.failure(NOTIFICATION_FAILED, response, "PagerDuty at " + settings.url() + " answered HTTP "
          + response.statusCode() + " to " + event + (reason.isEmpty() ? "" : ": " + reason),
          "the event or the routing key in $" + variable + " is wrong");
    }
    log.info("PagerDuty accepted {}: HTTP {}", event, response.statusCode());
    return new Delivery(List.of("console", "pagerduty " + response.statusCode()));
  }

  /**
   * One request; no answer at all (refused, reset, timed out) is retryable. Only the exception's
   * type goes into the failure: its message could contain a secret URL.
   */
  private HttpResponse<String> send(HttpRequest request, String service) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw retryable(NOTIFICATION_FAILED, "could not reach " + service + " (" + e.getClass().getSimpleName()
          + "); retried by the activity's retry policy");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + service, e);
    }
  }

  /** ": <the answer's text>" for a failure message, without the secret URL, or "" when empty. */
  private static String answerText(String body, String secretUrl) {
    String text = body.strip().replace(secretUrl, "<webhook URL>");
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() <= 300 ? text : text.substring(0, 300) + "...");
  }

  private String secret(String variable, String setting) {
    String value = variable.isBlank() ? null : environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw nonRetryable(NOTIFICATION_MISCONFIGURED, setting + " names the environment variable '" + variable
          + "', which is not set on the worker; set it there (the value is a credential and stays out of the"
          + " environment file)");
    }
    return value.trim();
  }

  private static URI uri(String url, String what) {
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw nonRetryable(NOTIFICATION_MISCONFIGURED, what + " is not an http(s) URL");
    }
  }

  private String toJson(Map<String, Object> body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  private static String tail(String body) {
    return body.length() <= 2048 ? body : body.substring(body.length() - 2048);
  }

  private static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
