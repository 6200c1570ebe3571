package io.spacetime.runbook.ports.notify;

import io.spacetime.runbook.ports.probes.HttpExchange;
import io.temporal.activity.ActivityInterface;

/** Telling people, and the maintenance switch of Step 1 and Step 10. */
@ActivityInterface
public interface NotificationActivities {

  /** Console always (when enabled), and the webhook whose URL is in the named environment variable. */
  Delivery notify(NotificationSettings settings, Notice notice);

  /**
   * Incidents: a PagerDuty Events v2 event (console too when enabled). A 429 or 5xx answer is a
   * retryable failure (honouring {@code Retry-After}); a 400 is not retried: the event is wrong.
   * Not configured: console only, and the delivery says so.
   */
  Delivery page(PagingSettings settings, Page page);

  /** {@code POST <url>/enable} or {@code /disable} with the bearer token from {@code tokenEnv}. Idempotent. */
  HttpExchange setMaintenance(MaintenanceSettings settings, boolean enabled, String reason);
}
