package io.spacetime.runbook.ports.hosts;

/**
 * Pre-deployment tests (runbook 4.1 and 4.2): the staged release is started on {@code host} with
 * the staging config, health-checked on {@code apiPort}/{@code telemetryPort}, tested with
 * {@code testCommand} (run in the staging directory) and load-tested, then stopped.
 *
 * <p>Commands may use the placeholders of {@link ServiceCommands}; the test command runs in the
 * staging directory.
 *
 * @param host which environment host runs staging; the first host when empty
 * @param start command that starts the staged release (operator configuration); never run twice
 *     for one attempt: a retry first asks whether staging already runs
 * @param stop command that stops it
 * @param isActive command that exits 0 while staging runs (like {@code service.isActive}); when
 *     empty, staging counts as running while something listens on its API or telemetry port, which
 *     misses a staging instance that is still starting up
 */
public record StagingSettings(
    Boolean enabled,
    String host,
    String start,
    String stop,
    String isActive,
    String testCommand,
    Integer apiPort,
    Integer telemetryPort,
    Integer testTimeoutSeconds) {

  public StagingSettings {
    enabled = enabled == null ? Boolean.FALSE : enabled;
    host = host == null ? "" : host;
    start = start == null ? "" : start;
    stop = stop == null ? "" : stop;
    isActive = isActive == null ? "" : isActive;
    testCommand = testCommand == null ? "" : testCommand;
    apiPort = apiPort == null ? 18080 : apiPort;
    telemetryPort = telemetryPort == null ? 18081 : telemetryPort;
    testTimeoutSeconds = testTimeoutSeconds == null ? 600 : testTimeoutSeconds;
  }

  public static StagingSettings disabled() {
    return new StagingSettings(false, null, null, null, null, null, null, null, null);
  }
}
