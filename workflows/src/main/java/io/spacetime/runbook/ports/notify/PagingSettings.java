package io.spacetime.runbook.ports.notify;

/**
 * PagerDuty Events API v2 for incidents. {@code routingKeyEnv} names the environment variable that
 * holds the integration's routing key (a credential: never in the file, inputs or history); empty
 * means paging is not configured and pages go to the console only.
 *
 * @param url the Events API endpoint; another URL only for tests or a proxy
 */
public record PagingSettings(String routingKeyEnv, String url) {

  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  public PagingSettings {
    routingKeyEnv = routingKeyEnv == null ? "" : routingKeyEnv;
    url = url == null || url.isEmpty() ? PAGERDUTY_EVENTS_URL : url;
  }

  public static PagingSettings none() {
    return new PagingSettings(null, null);
  }

  public boolean configured() {
    return !routingKeyEnv.isEmpty();
  }
}
