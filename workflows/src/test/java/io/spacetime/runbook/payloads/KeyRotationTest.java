package io.spacetime.runbook.payloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spacetime.runbook.connection.PayloadEncryption;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.spacetime.runbook.testing.Checkpoint;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the payload key does not wedge runs in flight: a deployment started under key A waits
 * for its emergency approval; every worker and client is replaced by ones whose active key is B
 * with A kept for decryption; the approval arrives and the run finishes, reading what A wrote and
 * writing everything new with B.
 */
class KeyRotationTest {

  static final Instant WEDNESDAY_MORNING = Instant.parse("2025-12-03T10:30:00Z");
  static final byte[] KEY_A = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII);
  static final byte[] KEY_B = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB".getBytes(StandardCharsets.US_ASCII);
  static final String ID = "deploy-rotation-test";

  @TempDir Path dir;
  final FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();

  /** Without key A the new worker could only fail the run's tasks for ever: bounded, so that fails the test. */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void runStartedUnderKeyAIsFinishedByAWorkerWithKeyBActiveAndAOld() throws Exception {
    DataConverter keyA = converter(Map.of("RUNBOOK_CODEC_KEY_FILE", keyFile("a", KEY_A), "RUNBOOK_CODEC_KEY_ID", "A"));
    DataConverter keyBWithOldA = converter(Map.of("RUNBOOK_CODEC_KEY_FILE", keyFile("b", KEY_B),
        "RUNBOOK_CODEC_KEY_ID", "B", TemporalSettings.OLD_KEY_FILES, "A=" + keyFile("a", KEY_A)));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(RunbookTestbed.environmentOptions(keyA)
        .setInitialTime(WEDNESDAY_MORNING).build())) {
      // No sticky queue for the worker that goes away: a real server moves a stopped worker's tasks
      // back to the task queue after a timeout, the test server never does.
      Worker workerA = env.newWorker(RunbookTestbed.TASK_QUEUE,
          WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
      RunbookTestbed.registerWorkflows(workerA);
      workerA.registerActivitiesImplementations(hosts);
      env.start();
      Checkpoint waiting = hosts.watchFor("notify warning: Deployment v2.5.0 to sandbox waits for an emergency approval");
      DeploymentWorkflow started = env.getWorkflowClient().newWorkflowStub(DeploymentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(ID).setTaskQueue(RunbookTestbed.TASK_QUEUE).build());
      WorkflowClient.start(started::deploy,
          new DeploymentRequest("sandbox", "v2.5.0", false, true, "CVE-2025-1234 in the scene loader", "sam"));
      waiting.awaitReached();
      env.getWorkerFactory().shutdown();
      env.getWorkerFactory().awaitTermination(30, TimeUnit.SECONDS);
      long writtenUnderA = history(env).size();

      // Every process of the new generation: key B active, key A for decryption only.
      WorkflowClient clientB = WorkflowClient.newInstance(env.getWorkflowServiceStubs(),
          WorkflowClientOptions.newBuilder(env.getWorkflowClient().getOptions()).setDataConverter(keyBWithOldA).build());
      WorkerFactory factoryB = WorkerFactory.newInstance(clientB, RunbookWorkerOptions.factoryOptions());
      Worker workerB = factoryB.newWorker(RunbookTestbed.TASK_QUEUE);
      RunbookTestbed.registerWorkflows(workerB);
      workerB.registerActivitiesImplementations(hosts);
      factoryB.start();
      try {
        DeploymentWorkflow run = clientB.newWorkflowStub(DeploymentWorkflow.class, ID);
        run.approveEmergency(new EmergencyApproval("Dana Manager", "CVE fix cannot wait until Thursday"));
        DeploymentResult result = WorkflowStub.fromTyped(run).getResult(DeploymentResult.class);

        assertEquals(Outcome.SUCCEEDED, result.outcome(), result.message());
        List<HistoryEvent> events = history(env);
        assertEquals(List.of("A"), keyIds(events.subList(0, (int) writtenUnderA)).stream().distinct().toList(),
            "written before the rotation");
        assertEquals(List.of("B"), keyIds(events.subList((int) writtenUnderA, events.size())).stream().distinct().toList(),
            "written after the rotation");
        HistoryEvent completed = events.get(events.size() - 1);
        assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, completed.getEventType());
        assertEquals(List.of("B"), keyIds(List.of(completed)), "the result");
      } finally {
        factoryB.shutdownNow();
        factoryB.awaitTermination(30, TimeUnit.SECONDS);
      }
    }
  }

  private String keyFile(String name, byte[] key) throws IOException {
    Path file = dir.resolve(name + ".key");
    if (!Files.exists(file)) {
      Files.write(file, key);
    }
    return file.toString();
  }

  private static DataConverter converter(Map<String, String> environment) {
    return TemporalConnection.dataConverter(TemporalSettings.from(environment));
  }

  private static List<HistoryEvent> history(TestWorkflowEnvironment env) {
    return env.getWorkflowClient().fetchHistory(ID).getEvents();
  }

  /** The key id of every encrypted payload in {@code events}, in order. */
  private static List<String> keyIds(List<HistoryEvent> events) {
    List<String> ids = new ArrayList<>();
    events.forEach(e -> collect(e, ids));
    assertTrue(!ids.isEmpty() || events.isEmpty(), "no encrypted payload in " + events.size() + " events");
    return ids;
  }

  private static void collect(Message message, List<String> ids) {
    if (message instanceof Payload payload) {
      ByteString id = payload.getMetadataOrDefault(PayloadEncryption.METADATA_KEY_ID, null);
      if (id != null) {
        ids.add(id.toStringUtf8());
      }
      return;
    }
    message.getAllFields().forEach((field, value) -> {
      if (value instanceof Message nested) {
        collect(nested, ids);
      } else if (value instanceof List<?> list) {
        list.stream().filter(Message.class::isInstance).forEach(item -> collect((Message) item, ids));
      }
    });
  }
}
