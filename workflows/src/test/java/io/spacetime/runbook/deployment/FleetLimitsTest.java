package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.spacetime.runbook.testing.SandboxEnvironment;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The largest fleets one deployment takes, one host after another ({@link DeploymentRules#MAX_HOSTS})
 * and in batches, in their worst case (the last host fails, every host is rolled back), stay far
 * below Temporal's limits: 51,200 history events, 50 MB of history, 2 MB for the result. A larger
 * fleet is refused before anything runs. README "Limits" quotes what this measures.
 */
class FleetLimitsTest {

  static final int HISTORY_EVENT_LIMIT = 51_200;
  static final long HISTORY_BYTES_LIMIT = 50L * 1024 * 1024;
  /** Temporal warns above 512 KB per payload and fails above 2 MB. */
  static final long PAYLOAD_WARNING_BYTES = 512L * 1024;

  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
  @RegisterExtension final RunbookTestbed testbed = new RunbookTestbed(hosts);

  @Test
  void theLargestFleetRolledBackEntirelyStaysFarBelowTemporalsLimits() {
    int fleet = DeploymentRules.MAX_HOSTS;
    hosts.environment.withHosts(hosts(fleet).toArray(Host[]::new));
    hosts.host("api-" + fleet).release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    WorkflowExecutionHistory history = testbed.client().fetchHistory(RunbookTestbed.DEPLOYMENT_ID);
    int events = history.getEvents().size();
    long historyBytes = history.getHistory().getSerializedSize();
    long resultBytes = DefaultDataConverter.STANDARD_INSTANCE.toPayloads(result).orElseThrow().getSerializedSize();
    String measured = fleet + " hosts rolled back: " + events + " events (" + events / fleet + " per host), "
        + historyBytes / 1024 + " KB of history, a " + resultBytes / 1024 + " KB result";
    System.out.println("Measured: " + measured);
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertTrue(events < HISTORY_EVENT_LIMIT / 2, measured);
    assertTrue(historyBytes < HISTORY_BYTES_LIMIT / 2, measured);
    assertTrue(resultBytes < PAYLOAD_WARNING_BYTES, measured);
  }

  /**
   * A rollout keeps each host's Steps 2-9 in its own child workflow: 200 hosts in batches of 10%,
   * the last host failing past the threshold so every host is rolled back (each by a child of its
   * own), leave the deployment's history far below the limits.
   */
  @Test
  void twoHundredHostsInBatchesRolledBackEntirelyStayFarBelowTemporalsLimits() {
    int fleet = 200;
    hosts.environment.withHosts(hosts(fleet).toArray(Host[]::new));
    hosts.host("api-" + fleet).release("v2.5.0").sceneLoadStatus = 500;

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0.withWatch("off").withRollout(1, "10%", "", ""));

    WorkflowExecutionHistory history = testbed.client().fetchHistory(RunbookTestbed.DEPLOYMENT_ID);
    int events = history.getEvents().size();
    long historyBytes = history.getHistory().getSerializedSize();
    long resultBytes = DefaultDataConverter.STANDARD_INSTANCE.toPayloads(result).orElseThrow().getSerializedSize();
    int childEvents = testbed.client().fetchHistory(RunbookTestbed.DEPLOYMENT_ID + "/api-1").getEvents().size();
    String measured = fleet + " hosts in batches rolled back: " + events + " events (" + events / fleet + " per host), "
        + historyBytes / 1024 + " KB of history, a " + resultBytes / 1024 + " KB result; " + childEvents
        + " events in one host's child";
    System.out.println("Measured: " + measured);
    assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.message());
    assertEquals(List.of(), IntStream.rangeClosed(1, fleet).mapToObj(i -> "api-" + i)
        .filter(h -> !"production-v2.4.0".equals(hosts.host(h).runningDir)).toList(), "every host serves v2.4.0 again");
    assertTrue(events < HISTORY_EVENT_LIMIT / 2, measured);
    assertTrue(historyBytes < HISTORY_BYTES_LIMIT / 2, measured);
    assertTrue(resultBytes < PAYLOAD_WARNING_BYTES, measured);
  }

  @Test
  void aLargerFleetOneHostAfterAnotherIsRefusedBeforeAnythingRuns() {
    hosts.environment.withHosts(hosts(DeploymentRules.MAX_HOSTS + 1).toArray(Host[]::new));

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0);

    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals("Rollout Plan", result.failedStep());
    assertTrue(result.failedGate().startsWith("101 hosts one after another is more than one run's history holds (at most"
        + " 100); deploy them in batches (batchSize, --batch-size) for up to 200 hosts"), result.failedGate());
    assertEquals(List.of(), hosts.changes());
  }

  @Test
  void aFleetLargerThanBatchesTakeIsRefusedWhenLoaded() {
    hosts.environment.withHosts(hosts(DeploymentRules.MAX_BATCHED_HOSTS + 1).toArray(Host[]::new));

    DeploymentResult result = testbed.deploy(DeploymentWorkflowTest.V2_5_0.withRollout(1, "10%", "", ""));

    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals("Load Environment", result.failedStep());
    assertTrue(result.failedGate().contains("lists 201 hosts; one run of this runbook handles at most 200"),
        result.failedGate());
    assertEquals(List.of(), hosts.changes());
  }

  private static List<Host> hosts(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> SandboxEnvironment.host("api-" + i, "10.1." + (i / 250) + "." + (i % 250 + 1)))
        .toList();
  }
}
