package io.spacetime.runbook.deployment;

import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.RolloutSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a deployment goes through the fleet (issue "canary and rolling batches"): the canary alone
 * first, then batches whose hosts are deployed side by side, at most {@code maxFailures} failed hosts
 * tolerated, and a pause between two batches. Each field comes from the request, or else from the
 * environment's {@code rollout:} section; both were validated with the same parsers.
 *
 * @param batches in order; the first is the canary when {@code canary > 0}
 * @param canary hosts of the first batch that are the canary (0: no canary)
 * @param maxFailures failed hosts tolerated; one more stops the rollout
 * @param pause between two batches
 * @param approvalTimeout how long an approval pause waits before the rollout is rolled back
 * @param asGiven the settings as typed ({@code canary 1, batches of 25%, ...}), for the report
 */
record RolloutPlan(
    List<List<Host>> batches, int canary, int maxFailures, RolloutPause pause, Duration approvalTimeout, String asGiven) {

  static RolloutPlan of(DeploymentRequest request, RolloutSettings settings, List<Host> hosts) {
    int fleet = hosts.size();
    int canary = Math.min(fleet, request.canary() != null ? request.canary() : settings.canary());
    HostShare size = HostShare.parse(request.batchSize().isEmpty() ? settings.batchSize() : request.batchSize());
    HostShare failures = HostShare.parse(request.maxFailures().isEmpty() ? settings.maxFailures() : request.maxFailures());
    RolloutPause pause = RolloutPause.parse(request.pause().isEmpty() ? settings.pause() : request.pause());
    int batchSize = Math.max(1, size.roundedUp(fleet));
    List<List<Host>> batches = new ArrayList<>();
    if (canary > 0) {
      batches.add(List.copyOf(hosts.subList(0, canary)));
    }
    for (int from = canary; from < fleet; from += batchSize) {
      batches.add(List.copyOf(hosts.subList(from, Math.min(fleet, from + batchSize))));
    }
    String asGiven = (canary > 0 ? "canary " + canary + ", " : "no canary, ") + "batches of " + size
        + (size.percent() ? " (" + batchSize + " hosts)" : "") + ", at most " + failures + " failed hosts"
        + (failures.percent() ? " (" + failures.roundedDown(fleet) + ")" : "") + ", pause " + pause;
    return new RolloutPlan(List.copyOf(batches), canary, failures.roundedDown(fleet), pause,
        Duration.ofMinutes(settings.approvalTimeoutMinutes()), asGiven);
  }

  /**
   * The runbook's own rolling deployment: one host after another, no canary, no failure tolerated,
   * no pause. Such a run keeps Steps 2-9 in its own history, as every run before rollouts did.
   */
  boolean oneByOne() {
    return canary == 0 && maxFailures == 0 && pause.none() && batches.stream().allMatch(b -> b.size() == 1);
  }

  /** "canary", "batch 2 of 4", for step titles and the Web UI. */
  String nameOf(int batch) {
    if (canary > 0 && batch == 0) {
      return "canary";
    }
    int regular = canary > 0 ? batch : batch + 1;
    return "batch " + regular + " of " + (canary > 0 ? batches.size() - 1 : batches.size());
  }
}
