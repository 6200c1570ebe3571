package io.spacetime.runbook.environment;

/** Runbook 4.2: {@code load_test.py --duration 300 --users 50} against staging. */
public record LoadTestSettings(Boolean enabled, Integer users, Integer durationSeconds, String path) {

  public LoadTestSettings {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    users = users == null ? 50 : users;
    durationSeconds = durationSeconds == null ? 300 : durationSeconds;
    path = path == null ? "/status" : path;
  }

  public static LoadTestSettings runbookDefaults() {
    return new LoadTestSettings(null, null, null, null);
  }
}
