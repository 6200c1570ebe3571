package io.spacetime.runbook.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded history (success, rollback, cancel, abort by signal, emergency rollback, and a
 * success and a rollback through an AWS load balancer) replays against today's
 * workflow code. A change that would break runs in flight — a reordered activity, a removed
 * timer — fails here instead of in production; guard such a change with {@code Workflow.getVersion}
 * and record a new history (see {@link HistoryRecording}).
 */
class ReplayCompatibilityTest {

  static Stream<Path> histories() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(HistoryRecording.DIR)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no recorded histories in " + HistoryRecording.DIR);
    return files.stream();
  }

  /**
   * The id the run was recorded under, where its commands depend on it: a rollout names its
   * children after its own id. Other runs replay under the replayer's placeholder id.
   */
  static String workflowIdOf(Path history) {
    return history.getFileName().toString().startsWith("deployment-rollout-")
        ? io.spacetime.runbook.testing.RunbookTestbed.DEPLOYMENT_ID : "workflow_id_in_replay";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void recordedHistoryReplaysAgainstTheCurrentWorkflowCode(Path history) throws Exception {
    // Replayed by a worker wired as the production one: its converter and its input guard.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        RunbookTestbed.environmentOptions(RunbookTestbed.plainConverter()).build())) {
      Worker worker = env.newWorker("replay");
      RunbookTestbed.registerWorkflows(worker);
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowExecutionHistory.fromJson(Files.readString(history), workflowIdOf(history)), worker);
    }
  }
}
