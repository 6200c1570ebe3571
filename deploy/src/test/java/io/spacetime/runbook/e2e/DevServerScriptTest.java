package io.spacetime.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/temporal/dev-server.sh} as the README promises it: our search attributes are
 * registered, and the server's state (a workflow, the attributes) survives a restart on the same
 * SQLite file.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class DevServerScriptTest {

  private static final String[] SEARCH_ATTRIBUTES = {"RunbookType", "Environment", "ReleaseVersion", "Outcome",
      "CurrentStep", "Severity", "IncidentType"};

  @TempDir Path dir;

  @Test
  void registersTheSearchAttributesAndKeepsStateAcrossARestart() throws Exception {
    try (DevServer server = DevServer.start(dir.resolve("temporal"));
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.fromEnvironment().withAddress(server.address()))) {
      assertThat(server.cli("operator", "search-attribute", "list")).contains(SEARCH_ATTRIBUTES);

      // No worker polls this queue: the run stays open, which is all a restart has to keep.
      String id = "dev-server-script-" + System.nanoTime();
      WorkflowStub started = connection.client().newUntypedWorkflowStub("NobodyRunsThis",
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("nobody-polls-this").build());
      started.start("kept across a restart");

      server.restart();

      WorkflowClient client = connection.client();
      WorkflowExecutionStatus status = Await.until(id + " to be describable after the restart", Duration.ofSeconds(60),
          () -> Optional.of(client.newUntypedWorkflowStub(id, Optional.empty(), Optional.empty()).describe().getStatus()));
      assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      assertThat(server.cli("workflow", "describe", "--workflow-id", id)).contains("NobodyRunsThis");
      assertThat(server.cli("operator", "search-attribute", "list")).contains(SEARCH_ATTRIBUTES);
      assertThat(server.databaseFile()).isNotEmptyFile();
    }
  }

  /** A port something else holds would answer for it: the script refuses it rather than report a server it did not start. */
  @Test
  void aPortAnotherProcessHoldsIsRefusedInsteadOfTakenForTheNewServer() throws Exception {
    Path repo = DevServer.repositoryRoot();
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(repo.resolve(".venv/bin/temporal")),
        "temporal CLI not installed in .venv (bash .ci/run installs it)");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Process script = new ProcessBuilder(repo.resolve("deploy/temporal/dev-server.sh").toString(), "--background",
          "--data-dir", dir.resolve("other").toString(), "--port", String.valueOf(taken.getLocalPort()),
          "--ui-port", String.valueOf(DevServer.freePort())).redirectErrorStream(true).start();
      assertThat(script.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      String output = new String(script.getInputStream().readAllBytes());
      assertThat(script.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("port " + taken.getLocalPort() + " is already in use");
      assertThat(dir.resolve("other/temporal.pid")).doesNotExist();
    }
  }

  @Test
  void aWorkerRefusesANamespaceWithoutTheSearchAttributesAndSaysHowToRegisterThem() throws Exception {
    try (DevServer server = DevServer.start(dir.resolve("temporal"))) {
      server.cli("operator", "namespace", "create", "--namespace", "bare");
      Path log = dir.resolve("worker.log");
      WorkerProcess worker = WorkerProcess.start(server.address(), dir.resolve("environments"), log,
          java.util.Map.of("TEMPORAL_NAMESPACE", "bare"));

      int exit = worker.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isEqualTo(1);
      assertThat(worker.ownLog())
          .contains("namespace bare is not ready for the runbook workflows: missing search attributes RunbookType,"
              + " Environment, ReleaseVersion, Outcome, CurrentStep, Severity, IncidentType")
          .contains("temporal operator search-attribute create --namespace bare --name RunbookType --type Keyword")
          .doesNotContain("polling task queue");
    }
  }
}
