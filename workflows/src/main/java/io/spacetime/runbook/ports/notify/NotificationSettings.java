package io.spacetime.runbook.ports.notify;

/**
 * Step 1 and the rollback notice. {@code webhookUrlEnv} names the environment variable holding a
 * Slack-compatible webhook URL: the URL is a credential and never enters history.
 */
public record NotificationSettings(Boolean console, String webhookUrlEnv, String channel) {

  public NotificationSettings {
    console = console == null ? Boolean.TRUE : console;
    webhookUrlEnv = webhookUrlEnv == null ? "" : webhookUrlEnv;
    channel = channel == null ? "#deployments" : channel;
  }

  public static NotificationSettings consoleOnly() {
    return new NotificationSettings(true, null, null);
  }
}
