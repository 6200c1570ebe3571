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
}
