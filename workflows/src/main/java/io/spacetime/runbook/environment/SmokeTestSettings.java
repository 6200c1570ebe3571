package io.spacetime.runbook.environment;

/**
 * Step 7 (functional tests) and Step 8 (performance): the scene loaded by the smoke test and how
 * many /status calls are timed.
 */
public record SmokeTestSettings(String scenePath, Integer responseTimeSamples, Integer telemetryTimeoutSeconds) {

  public SmokeTestSettings {
    scenePath = scenePath == null ? "res://vr_main.tscn" : scenePath;
    responseTimeSamples = responseTimeSamples == null ? 10 : responseTimeSamples;
    telemetryTimeoutSeconds = telemetryTimeoutSeconds == null ? 5 : telemetryTimeoutSeconds;
  }

  public static SmokeTestSettings defaults() {
    return new SmokeTestSettings(null, null, null);
  }
}
