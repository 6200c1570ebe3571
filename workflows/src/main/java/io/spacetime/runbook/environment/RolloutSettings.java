package io.spacetime.runbook.environment;

/**
 * The environment's {@code rollout:} section: how a deployment goes through the fleet when the
 * request does not say ({@code --canary}, {@code --batch-size}, {@code --max-failures},
 * {@code --pause} override each field). The defaults are the runbook's rolling deployment: one host
 * at a time, no canary, no failed host tolerated, no pause.
 *
 * @param canary hosts deployed first, alone; when one of them fails nothing else is touched
 * @param batchSize hosts per batch after the canary, {@code "5"} or a share of the fleet {@code "25%"}
 * @param maxFailures failed hosts tolerated, {@code "1"} or {@code "10%"} of the fleet; one more stops
 *     the rollout and rolls every switched host back
 * @param pause between two batches: {@code "none"}, a duration ({@code "5m"}) or {@code "approval"}
 * @param approvalTimeoutMinutes how long an approval pause waits for {@code continueRollout}; without
 *     an answer the rollout is rolled back (a fleet is not left half on a release nobody approved)
 */
public record RolloutSettings(
    Integer canary, String batchSize, String maxFailures, String pause, Integer approvalTimeoutMinutes) {

  public RolloutSettings {
    canary = canary == null ? 0 : canary;
    batchSize = batchSize == null || batchSize.isBlank() ? "1" : batchSize.strip();
    maxFailures = maxFailures == null || maxFailures.isBlank() ? "0" : maxFailures.strip();
    pause = pause == null || pause.isBlank() ? "none" : pause.strip();
    approvalTimeoutMinutes = approvalTimeoutMinutes == null ? 60 : approvalTimeoutMinutes;
  }

  public static RolloutSettings runbookDefaults() {
    return new RolloutSettings(null, null, null, null, null);
  }
}
