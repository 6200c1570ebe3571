package io.spacetime.runbook.adapters.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.adapters.testing.CapturedLogs;
import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.Page;
import io.spacetime.runbook.ports.notify.PagingSettings;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code page}: PagerDuty Events v2 against a real local HTTP server standing in for PagerDuty. */
class PagingTest {

  static final String KEY = "R0UT1NGKEY0f3a9c2b7d1e4a6b8c9d0e";
  static final String KEY_ENV = "PAGERDUTY_ROUTING_KEY";
  static final String DEDUP_KEY = "incident-production-HighErrorRate-1";
  static final Page TRIGGER = new Page(Page.TRIGGER, DEDUP_KEY, "P1 High Error Rate on production: 7.2 % 5xx",
      "critical", "production/api-1", "on-call engineer", Map.of("errorRate", "7.2 %", "runbook", "Incident 2"));
  static final Response ACCEPTED = new Response(202,
      "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + DEDUP_KEY + "\"}");

  final ObjectMapper json = new ObjectMapper();
  final AtomicReference<Response> answer = new AtomicReference<>(ACCEPTED);
  HttpTestServer pagerDuty;
  PagingSettings settings;
  CapturedLogs logs;
  NotificationActivitiesImpl notifications;

  @BeforeEach
  void setUp() throws Exception {
    pagerDuty = HttpTestServer.start().on("/v2/enqueue", request -> answer.get());
    settings = new PagingSettings(KEY_ENV, pagerDuty.url("/v2/enqueue"));
    notifications = new NotificationActivitiesImpl(Map.of(KEY_ENV, KEY)::get);
    logs = CapturedLogs.start();
  }

  @AfterEach
  void tearDown() {
    logs.assertNothingContains(KEY);
    logs.close();
    pagerDuty.close();
  }

  @Test
  void aTriggerSendsTheEventsV2EventAndIsDeliveredOn202() throws Exception {
    Delivery delivery = notifications.page(settings, TRIGGER);

    assertEquals(List.of("console", "pagerduty 202"), delivery.channels());
    assertFalse(delivery.toString().contains(KEY));
    HttpTestServer.Request request = pagerDuty.requests().get(0);
    assertEquals("POST", request.method());
    assertEquals("application/json", request.header("Content-Type"));
    JsonNode body = json.readTree(request.body());
    assertEquals(Set.of("routing_key", "event_action", "dedup_key", "payload"), fieldNames(body));
    assertEquals(KEY, body.get("routing_key").asText());
    assertEquals("trigger", body.get("event_action").asText());
    assertEquals(DEDUP_KEY, body.get("dedup_key").asText());
    JsonNode payload = body.get("payload");
    assertEquals(Set.of("summary", "severity", "source", "custom_details"), fieldNames(payload));
    assertEquals("P1 High Error Rate on production: 7.2 % 5xx (paging on-call engineer)", payload.get("summary").asText());
    assertEquals("critical", payload.get("severity").asText());
    assertEquals("production/api-1", payload.get("source").asText());
    assertEquals(Map.of("errorRate", "7.2 %", "runbook", "Incident 2"),
        json.convertValue(payload.get("custom_details"), Map.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {Page.ACKNOWLEDGE, Page.RESOLVE})
  void acknowledgeAndResolveNameTheAlertOnly(String action) throws Exception {
    Delivery delivery = notifications.page(settings, new Page(action, DEDUP_KEY, "Incident resolved", null, null, null,
        Map.of("ignored", "by PagerDuty")));

    assertEquals(List.of("console", "pagerduty 202"), delivery.channels());
    JsonNode body = json.readTree(pagerDuty.requests().get(0).body());
    assertEquals(Set.of("routing_key", "event_action", "dedup_key"), fieldNames(body));
    assertEquals(action, body.get("event_action").asText());
    assertEquals(DEDUP_KEY, body.get("dedup_key").asText());
  }

  @Test
  void everyPageIsWrittenToTheConsoleFirst() {
    notifications.page(settings, TRIGGER);

    assertEquals(List.of("page trigger (critical): P1 High Error Rate on production: 7.2 % 5xx (paging on-call engineer)"
        + " [dedup key " + DEDUP_KEY + ", source production/api-1]"), logs.lines(NotificationActivitiesImpl.CONSOLE_LOGGER));
  }

  @Test
  void withoutPagingConfiguredAPageGoesToTheConsoleOnlyAndTheDeliverySaysSo() {
    Delivery delivery = notifications.page(PagingSettings.none(), TRIGGER);

    assertEquals(List.of("console", NotificationActivitiesImpl.NOT_PAGED), delivery.channels());
    assertTrue(delivery.channels().get(1).contains("incident.paging.routingKeyEnv"));
    assertEquals(1, logs.lines(NotificationActivitiesImpl.CONSOLE_LOGGER).size());
    assertTrue(pagerDuty.requests().isEmpty());
  }

  @Test
  void aRateLimitedPageIsRetryableAfterTheDelayPagerDutyAsksFor() {
    answer.set(new Response(429, "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving"
        + " too quickly. Please retry later.\"}", Map.of("Retry-After", "7")));

    ApplicationFailure failure = pageFails(() -> notifications.page(settings, TRIGGER));

    assertEquals("NotificationFailed", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertEquals(Duration.ofSeconds(7), failure.getNextRetryDelay());
    assertTrue(failure.getOriginalMessage().contains("HTTP 429"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("arriving too quickly"), failure.getOriginalMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void aServerErrorIsRetryableWithTheRetryPolicysBackoff(int status) {
    answer.set(new Response(status, "<html>upstream unavailable</html>"));

    ApplicationFailure failure = pageFails(() -> notifications.page(settings, TRIGGER));

    assertFalse(failure.isNonRetryable());
    assertNull(failure.getNextRetryDelay());
    assertTrue(failure.getOriginalMessage().contains("HTTP " + status), failure.getOriginalMessage());
  }

  @Test
  void aRefusedEventIsNotRetriedAndCarriesPagerDutysReasonWithoutTheKey() {
    // PagerDuty's errors may quote the refused routing key.
    answer.set(new Response(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
        + "[\"'payload.summary' is missing or blank\",\"routing_key '" + KEY + "' is not known\"]}"));

    ApplicationFailure failure = pageFails(() -> notifications.page(settings, TRIGGER));

    assertEquals("NotificationFailed", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("HTTP 400"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("Event object is invalid ('payload.summary' is missing or blank;"
        + " routing_key '<routing key>' is not known)"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("$" + KEY_ENV), failure.getOriginalMessage());
  }

  @Test
  void anUnsetRoutingKeyVariableIsAConfigurationErrorNamingIt() {
    PagingSettings unset = new PagingSettings("PAGERDUTY_KEY_NOT_SET", pagerDuty.url("/v2/enqueue"));

    ApplicationFailure failure = pageFails(() -> notifications.page(unset, TRIGGER));

    assertEquals("NotificationMisconfigured", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("'PAGERDUTY_KEY_NOT_SET'"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("incident.paging.routingKeyEnv"), failure.getOriginalMessage());
    assertTrue(pagerDuty.requests().isEmpty());
  }

  @Test
  void anUnreachablePagerDutyIsRetryable() throws Exception {
    HttpTestServer gone = HttpTestServer.start();
    PagingSettings nowhere = new PagingSettings(KEY_ENV, gone.url("/v2/enqueue"));
    gone.close();

    ApplicationFailure failure = pageFails(() -> notifications.page(nowhere, TRIGGER));

    assertEquals("NotificationFailed", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("could not reach PagerDuty"), failure.getOriginalMessage());
  }

  @Test
  void aPagePagerDutyWouldRefuseIsRefusedBeforeAnythingIsSent() {
    Page unknownSeverity = new Page(Page.TRIGGER, DEDUP_KEY, "summary", "P1", "production", null, null);

    ApplicationFailure failure = pageFails(() -> notifications.page(settings, unknownSeverity));

    assertEquals("InvalidInput", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("severity 'P1' is not one of critical, error, warning, info"),
        failure.getOriginalMessage());
    assertTrue(pagerDuty.requests().isEmpty());
  }

  @Test
  void aSummaryLongerThanPagerDutyTakesIsCutRatherThanRefused() throws Exception {
    Page longSummary = new Page(Page.TRIGGER, DEDUP_KEY, "x".repeat(2000), "error", "production", null, null);

    notifications.page(settings, longSummary);

    String sent = json.readTree(pagerDuty.requests().get(0).body()).get("payload").get("summary").asText();
    assertEquals(PagerDutyEvent.MAX_SUMMARY, sent.length());
  }

  /** The failure {@code page} throws, checked to keep the routing key out of every message. */
  private static ApplicationFailure pageFails(Executable page) {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, page);
    assertFalse(failure.getMessage().contains(KEY), failure.getMessage());
    assertFalse(failure.getOriginalMessage().contains(KEY), failure.getOriginalMessage());
    return failure;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
