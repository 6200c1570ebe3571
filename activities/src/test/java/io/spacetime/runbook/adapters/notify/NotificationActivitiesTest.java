package io.spacetime.runbook.adapters.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.adapters.testing.CapturedLogs;
import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationActivitiesTest {

  static final Notice NOTICE = new Notice("production", "info", "Deployment v2.5.0 started",
      "Deploying v2.5.0 to api-1", "deploy-production-v2.5.0");

  HttpTestServer hooks;
  CapturedLogs logs;
  Map<String, String> env;
  NotificationActivitiesImpl notifications;

  @BeforeEach
  void setUp() throws Exception {
    hooks = HttpTestServer.start()
        .on("/hooks/T000/B000/XXXX", request -> new Response(200, "ok"))
        .on("/broken-hook", request -> new Response(500, "no"))
        .on("/busy-hook", request -> new Response(429, "rate_limited", Map.of("Retry-After", "3")))
        .on("/refusing-hook", request -> new Response(400, "invalid_payload"))
        .on("/archived-hook", request -> new Response(410, "channel_is_archived"))
        .on("/maintenance", request -> new Response(200, "{\"status\": \"maintenance_enabled\"}"));
    env = Map.of("SLACK_WEBHOOK_URL", hooks.url("/hooks/T000/B000/XXXX"),
        "BROKEN_WEBHOOK_URL", hooks.url("/broken-hook"), "BUSY_WEBHOOK_URL", hooks.url("/busy-hook"),
        "REFUSING_WEBHOOK_URL", hooks.url("/refusing-hook"), "ARCHIVED_WEBHOOK_URL", hooks.url("/archived-hook"),
        "ADMIN_TOKEN", "tok-123-secret");
    notifications = new NotificationActivitiesImpl(env::get);
    logs = CapturedLogs.start();
  }

  @AfterEach
  void tearDown() {
    logs.close();
    hooks.close();
  }

  @Test
  void writesTheNoticeToTheConsoleLogger() {
    Delivery delivery = notifications.notify(NotificationSettings.consoleOnly(), NOTICE);
    assertEquals(List.of("console"), delivery.channels());
    assertEquals(List.of("[production] info: Deployment v2.5.0 started - Deploying v2.5.0 to api-1"
        + " (run deploy-production-v2.5.0)"), logs.lines(NotificationActivitiesImpl.CONSOLE_LOGGER));
  }

  @Test
  void postsToTheWebhookNamedByTheSettingsWithoutRevealingIt() throws Exception {
    Delivery delivery = notifications.notify(new NotificationSettings(false, "SLACK_WEBHOOK_URL", "#deployments"), NOTICE);

    assertEquals(List.of("webhook 200"), delivery.channels());
    HttpTestServer.Request request = hooks.requests().get(0);
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertEquals("#deployments", body.get("channel").asText());
    assertTrue(body.get("text").asText().contains("Deployment v2.5.0 started"));
    assertTrue(body.get("text").asText().contains("deploy-production-v2.5.0"));
    logs.assertNothingContains("XXXX");
  }

  @Test
  void aMissingWebhookVariableIsAConfigurationError() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> notifications.notify(new NotificationSettings(true, "UNSET_WEBHOOK", null), NOTICE));
    assertEquals("NotificationMisconfigured", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("UNSET_WEBHOOK"));
  }

  @Test
  void aFailingWebhookIsRetryableAndDoesNotRevealItsUrl() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> notifications.notify(new NotificationSettings(false, "BROKEN_WEBHOOK_URL", null), NOTICE));
    assertEquals("NotificationFailed", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("HTTP 500"));
    assertFalse(failure.getOriginalMessage().contains("broken-hook"));
  }

  @Test
  void aRateLimitedWebhookIsRetryableAfterItsRetryAfter() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> notifications.notify(new NotificationSettings(false, "BUSY_WEBHOOK_URL", null), NOTICE));
    assertEquals("NotificationFailed", failure.getType());
    assertFalse(failure.isNonRetryable());
    assertEquals(Duration.ofSeconds(3), failure.getNextRetryDelay());
    assertTrue(failure.getOriginalMessage().contains("HTTP 429: rate_limited"), failure.getOriginalMessage());
    assertFalse(failure.getOriginalMessage().contains("busy-hook"));
  }

  @Test
  void aRefusedNoticeIsNotRetriedAndSaysWhatTheWebhookAnswered() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> notifications.notify(new NotificationSettings(false, "REFUSING_WEBHOOK_URL", "#deployments"), NOTICE));
    assertEquals("NotificationFailed", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("HTTP 400: invalid_payload"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("$REFUSING_WEBHOOK_URL"), failure.getOriginalMessage());
    assertFalse(failure.getOriginalMessage().contains("refusing-hook"));
  }

  @Test
  void aWebhookThatIsGoneIsNotRetriedEither() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> notifications.notify(new NotificationSettings(false, "ARCHIVED_WEBHOOK_URL", "#old"), NOTICE));
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("channel_is_archived"), failure.getOriginalMessage());
  }

  @Test
  void enablesMaintenanceWithTheBearerTokenAndTheRunbooksBody() throws Exception {
    MaintenanceSettings settings = new MaintenanceSettings(true, hooks.url("/maintenance"), "ADMIN_TOKEN", 60);
    HttpExchange exchange = notifications.setMaintenance(settings, true, "Deployment v2.5.0");

    assertTrue(exchange.ok());
    assertEquals(hooks.url("/maintenance/enable"), exchange.url());
    HttpTestServer.Request request = hooks.requests().get(0);
    assertEquals("/maintenance/enable", request.path());
    assertEquals("Bearer tok-123-secret", request.header("Authorization"));
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertEquals("Deployment v2.5.0", body.get("reason").asText());
    assertEquals(60, body.get("duration").asInt());
    assertFalse(exchange.toString().contains("tok-123"));
    logs.assertNothingContains("tok-123");
  }

  @Test
  void disablesMaintenance() {
    MaintenanceSettings settings = new MaintenanceSettings(true, hooks.url("/maintenance/"), "ADMIN_TOKEN", null);
    HttpExchange exchange = notifications.setMaintenance(settings, false, "done");
    assertTrue(exchange.ok());
    assertEquals("/maintenance/disable", hooks.requests().get(0).path());
    assertEquals("", hooks.requests().get(0).body());
  }

  @Test
  void maintenanceWithoutItsTokenIsAConfigurationError() {
    MaintenanceSettings settings = new MaintenanceSettings(true, hooks.url("/maintenance"), "NO_TOKEN_HERE", null);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> notifications.setMaintenance(settings, true, "x"));
    assertEquals("NotificationMisconfigured", failure.getType());
    assertTrue(hooks.requests().isEmpty());
  }

  @Test
  void maintenanceOffForTheEnvironmentSendsNothing() {
    HttpExchange exchange = notifications.setMaintenance(MaintenanceSettings.disabled(), true, "x");
    assertEquals(0, exchange.status());
    assertTrue(exchange.error().contains("maintenance.enabled"));
    assertTrue(hooks.requests().isEmpty());
  }
}
