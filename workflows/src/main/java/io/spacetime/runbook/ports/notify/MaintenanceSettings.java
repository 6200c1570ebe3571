package io.spacetime.runbook.ports.notify;

/**
 * Optional maintenance mode (Step 1 on, Step 10 off): {@code POST <url>/enable|disable} with a
 * bearer token read from the environment variable named {@code tokenEnv}.
 */
public record MaintenanceSettings(Boolean enabled, String url, String tokenEnv, Integer durationMinutes) {

  public MaintenanceSettings {
    enabled = enabled == null ? Boolean.FALSE : enabled;
    url = url == null ? "" : url;
    tokenEnv = tokenEnv == null ? "" : tokenEnv;
    durationMinutes = durationMinutes == null ? 60 : durationMinutes;
  }

  public static MaintenanceSettings disabled() {
    return new MaintenanceSettings(false, null, null, null);
  }
}
