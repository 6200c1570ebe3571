package io.spacetime.runbook.environment;

import io.spacetime.runbook.ports.incident.BackupRetention;
import io.spacetime.runbook.ports.incident.DiskSettings;
import io.spacetime.runbook.ports.notify.PagingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How incidents of this environment are handled (RUNBOOK_INCIDENTS.md), each field with the
 * runbook's value as default.
 *
 * @param channel where the INCIDENT / UPDATE / RESOLVED messages go (runbook: #incidents)
 * @param escalationPath who is at each level of the runbook's Primary Escalation Path, keyed by
 *     {@code onCall}, {@code senior}, {@code lead}, {@code manager}, {@code director}, {@code vp}
 *     (names or handles; the level's title when not given)
 * @param paging PagerDuty Events v2 (routing key by environment variable name)
 * @param coolDownMinutes a firing within this long after resolution re-opens the incident (flapping)
 * @param approvalTimeoutMinutes how long a risky action waits for a person before the incident escalates
 *     (see {@link #approvalTimeout()})
 * @param watchSeconds how long verification watches the error rate after a fix (runbook: 5-15 minutes)
 * @param watchIntervalSeconds the pause between two readings of the watch
 * @param samplesPerEndpoint requests per endpoint of one error-rate / response-time reading
 * @param memorySamples and {@code memoryIntervalSeconds}: Incident 6's "monitor memory over time"
 *     (runbook: 10 samples, 60 s apart)
 * @param memoryGrowthMbPerHour growth at or above this rate, rising at most samples, is a leak
 * @param errorRateP1Percent and the other thresholds: the runbook's severity examples and
 *     verification targets (error rate > 5 % P1, 1-5 % P2, back under 1 %; response > 1 s P1,
 *     > 300 ms P2, back under 100 ms average and 200 ms p95; disk > 95 % P1, > 85 % P2, back under 80 %)
 * @param scenes the scene files Incident 5 checks and loads (relative to the served release)
 * @param disk where Incident 7 looks and what it may clean
 * @param backupRetention Incident 7 Scenario B's retention
 * @param scheduledRestartCommand Incident 6 Scenario A's scheduled restart; {@code {everyHours}} and
 *     the host placeholders are substituted quoted (the runbook's systemd timer by default)
 * @param recentDeploymentHours a deployment this recent is a rollback candidate (High Error Rate "Review recent changes")
 * @param authTokenEnv the environment variable holding a known good API token for Authentication Failures probes
 * @param prometheusUrl when set, the error rate and p95 are also read from Prometheus (the runbook's queries)
 * @param labels label values that map an alert to an incident type ({@code alertname} -> type)
 * @param continueAsNewAfterEvents a long incident continues as new (state and timeline carried) once
 *     its run's history has this many events, well below Temporal's limits (or when the server suggests it)
 * @param approvalTimeoutSeconds when above 0, the approval wait in seconds instead of
 *     {@code approvalTimeoutMinutes} (0, not set, by default): for a rehearsal on a sandbox, where even
 *     the shortest wait in minutes is long to sit through (the incident integration tests wait 5 s)
 */
public record IncidentSettings(
    String channel,
    Map<String, String> escalationPath,
    PagingSettings paging,
    Integer coolDownMinutes,
    Integer approvalTimeoutMinutes,
    Integer watchSeconds,
    Integer watchIntervalSeconds,
    Integer samplesPerEndpoint,
    Integer memorySamples,
    Integer memoryIntervalSeconds,
    Double memoryGrowthMbPerHour,
    Double errorRateP1Percent,
    Double errorRateP2Percent,
    Double errorRateResolvedPercent,
    Double responseP1Ms,
    Double responseP2Ms,
    Double responseResolvedAverageMs,
    Double responseResolvedP95Ms,
    Double diskP1Percent,
    Double diskP2Percent,
    Double diskResolvedPercent,
    Integer maxLogErrors,
    List<String> scenes,
    DiskSettings disk,
    BackupRetention backupRetention,
    String scheduledRestartCommand,
    Integer scheduledRestartEveryHours,
    Integer recentDeploymentHours,
    String authTokenEnv,
    String prometheusUrl,
    Map<String, String> labels,
    Integer continueAsNewAfterEvents,
    Integer approvalTimeoutSeconds) {

  /** The runbook's systemd timer (Incident 6 Scenario A), written with the deploy user's sudo. */
  public static final String SYSTEMD_RESTART_TIMER = "printf '[Unit]\\nDescription=Restart Godot SpaceTime every %sh\\n"
      + "[Timer]\\nOnBootSec=%sh\\nOnUnitActiveSec=%sh\\nUnit=godot-restart.service\\n[Install]\\nWantedBy=timers.target\\n'"
      + " {everyHours} {everyHours} {everyHours} | sudo tee /etc/systemd/system/godot-restart.timer >/dev/null"
      + " && printf '[Unit]\\nDescription=Restart Godot SpaceTime Service\\n[Service]\\nType=oneshot\\n"
      + "ExecStart=/bin/systemctl restart godot-spacetime\\n' | sudo tee /etc/systemd/system/godot-restart.service >/dev/null"
      + " && sudo systemctl daemon-reload && sudo systemctl enable --now godot-restart.timer";

  public IncidentSettings {
    channel = channel == null ? "#incidents" : channel;
    escalationPath = escalationPath == null ? Map.of() : Map.copyOf(escalationPath);
    paging = paging == null ? PagingSettings.none() : paging;
    coolDownMinutes = coolDownMinutes == null ? 30 : coolDownMinutes;
    approvalTimeoutMinutes = approvalTimeoutMinutes == null ? 30 : approvalTimeoutMinutes;
    watchSeconds = watchSeconds == null ? 300 : watchSeconds;
    watchIntervalSeconds = watchIntervalSeconds == null ? 60 : watchIntervalSeconds;
    samplesPerEndpoint = samplesPerEndpoint == null ? 10 : samplesPerEndpoint;
    memorySamples = memorySamples == null ? 10 : memorySamples;
    memoryIntervalSeconds = memoryIntervalSeconds == null ? 60 : memoryIntervalSeconds;
    memoryGrowthMbPerHour = memoryGrowthMbPerHour == null ? 100.0 : memoryGrowthMbPerHour;
    errorRateP1Percent = errorRateP1Percent == null ? 5.0 : errorRateP1Percent;
    errorRateP2Percent = errorRateP2Percent == null ? 1.0 : errorRateP2Percent;
    errorRateResolvedPercent = errorRateResolvedPercent == null ? 1.0 : errorRateResolvedPercent;
    responseP1Ms = responseP1Ms == null ? 1000.0 : responseP1Ms;
    responseP2Ms = responseP2Ms == null ? 300.0 : responseP2Ms;
    responseResolvedAverageMs = responseResolvedAverageMs == null ? 100.0 : responseResolvedAverageMs;
    responseResolvedP95Ms = responseResolvedP95Ms == null ? 200.0 : responseResolvedP95Ms;
    diskP1Percent = diskP1Percent == null ? 95.0 : diskP1Percent;
    diskP2Percent = diskP2Percent == null ? 85.0 : diskP2Percent;
    diskResolvedPercent = diskResolvedPercent == null ? 80.0 : diskResolvedPercent;
    maxLogErrors = maxLogErrors == null ? 10 : maxLogErrors;
    scenes = scenes == null ? List.of("vr_main.tscn") : List.copyOf(scenes);
    disk = disk == null ? DiskSettings.defaults() : disk;
    backupRetention = backupRetention == null ? BackupRetention.runbookDefaults() : backupRetention;
    scheduledRestartCommand = scheduledRestartCommand == null ? SYSTEMD_RESTART_TIMER : scheduledRestartCommand;
    scheduledRestartEveryHours = scheduledRestartEveryHours == null ? 6 : scheduledRestartEveryHours;
    recentDeploymentHours = recentDeploymentHours == null ? 24 : recentDeploymentHours;
    authTokenEnv = authTokenEnv == null ? "" : authTokenEnv;
    prometheusUrl = prometheusUrl == null ? "" : prometheusUrl;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    continueAsNewAfterEvents = continueAsNewAfterEvents == null ? 5000 : continueAsNewAfterEvents;
    approvalTimeoutSeconds = approvalTimeoutSeconds == null ? 0 : approvalTimeoutSeconds;
  }

  /** How long a risky action waits for a person: {@code approvalTimeoutSeconds} when set, else the minutes. */
  public Duration approvalTimeout() {
    return approvalTimeoutSeconds > 0 ? Duration.ofSeconds(approvalTimeoutSeconds)
        : Duration.ofMinutes(approvalTimeoutMinutes);
  }

  public static IncidentSettings runbookDefaults() {
    return new IncidentSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }
}
