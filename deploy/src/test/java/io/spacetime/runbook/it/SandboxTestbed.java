package io.spacetime.runbook.it;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.spacetime.runbook.e2e.E2eSandbox;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.worker.ActivityAdapters;
import io.spacetime.runbook.worker.ActivityKeepAlive;
import io.spacetime.runbook.worker.RunbookHome;
import io.spacetime.runbook.worker.RunbookWorker;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sandbox of real SSH hosts running the stand-in service, plus an in-memory Temporal service
 * with a worker wired exactly like production (real adapters, real SSH, real HTTP). Time is real:
 * activities wait for real processes. Timeouts are tightened in the environment file so the
 * "never ready" paths take seconds instead of minutes.
 */
final class SandboxTestbed implements AutoCloseable {

  static final String TASK_QUEUE = "runbooks-it";

  final Sandbox sandbox;
  final TestWorkflowEnvironment temporal;
  final ActivityAdapters adapters;
  /** Where the worker looks up runbook documents: tests write the documents they run here. */
  final Path documents;
  private final ActivityKeepAlive keepAlive;

  private SandboxTestbed(Sandbox sandbox, TestWorkflowEnvironment temporal, ActivityAdapters adapters, Path documents,
      ActivityKeepAlive keepAlive) {
    this.sandbox = sandbox;
    this.temporal = temporal;
    this.adapters = adapters;
    this.documents = documents;
    this.keepAlive = keepAlive;
  }

  static SandboxTestbed start(Path dir, int hosts, boolean openssh, int subnet) throws Exception {
    Path environments = dir.resolve("environments");
    Sandbox sandbox = Sandbox.builder().root(dir.resolve("sandbox")).environmentsDir(environments)
        .environmentName("it").hosts(hosts).openssh(openssh).subnet(subnet).start();
    E2eSandbox.tighten(sandbox.environmentFile());
    // Wired as the production worker: its converter, the input guard, activities heartbeating while they run.
    ActivityKeepAlive keepAlive = new ActivityKeepAlive();
    TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                .setDataConverter(TemporalConnection.dataConverter(TemporalSettings.from(Map.of()))).build())
            .setWorkerFactoryOptions(RunbookWorkerOptions.factoryOptions(keepAlive)).build());
    RunbookSearchAttributes.ALL.forEach(key ->
        temporal.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = temporal.newWorker(TASK_QUEUE);
    RunbookWorker.registerWorkflows(worker);
    Path documents = java.nio.file.Files.createDirectories(dir.resolve("runbooks"));
    ActivityAdapters adapters = ActivityAdapters.create(temporal.getWorkflowClient(), TASK_QUEUE,
        new RunbookHome(dir, List.of(environments), List.of(documents)));
    worker.registerActivitiesImplementations(adapters.implementations());
    temporal.start();
    return new SandboxTestbed(sandbox, temporal, adapters, documents, keepAlive);
  }

  WorkflowClient client() {
    return temporal.getWorkflowClient();
  }


  @Override
  public void close() {
    temporal.close();
    keepAlive.close();
    adapters.close();
    sandbox.close();
  }
}
