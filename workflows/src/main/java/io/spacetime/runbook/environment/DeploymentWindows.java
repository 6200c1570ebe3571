package io.spacetime.runbook.environment;

import java.util.List;

/**
 * When a standard deployment may run (runbook "Deployment Window"): Tuesday/Thursday
 * 10:00-12:00 UTC, never inside a blackout (18:00-22:00 UTC). Outside, only an approved
 * emergency deployment proceeds.
 *
 * @param enforce false for environments where any time is fine (the sandbox)
 * @param approvalTimeoutMinutes how long an emergency deployment waits for its approval
 */
public record DeploymentWindows(
    Boolean enforce,
    List<TimeWindow> standard,
    List<TimeWindow> blackout,
    Integer approvalTimeoutMinutes) {

  public DeploymentWindows {
    enforce = enforce == null ? Boolean.TRUE : enforce;
    standard = standard == null
        ? List.of(new TimeWindow(List.of("TUESDAY", "THURSDAY"), "10:00", "12:00"))
        : List.copyOf(standard);
    blackout = blackout == null ? List.of(new TimeWindow(null, "18:00", "22:00")) : List.copyOf(blackout);
    approvalTimeoutMinutes = approvalTimeoutMinutes == null ? 240 : approvalTimeoutMinutes;
  }

  public static DeploymentWindows runbookDefaults() {
    return new DeploymentWindows(null, null, null, null);
  }
}
