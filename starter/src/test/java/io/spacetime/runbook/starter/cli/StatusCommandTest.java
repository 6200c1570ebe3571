package io.spacetime.runbook.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.StepApproval;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.intake.StubRunbookWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./runbook status} of a finished runbook document run: its own result, not read as a rollback's. */
class StatusCommandTest {

  private TestServer.PortBoundTestServer server;
  private TemporalConnection connection;
  private WorkerFactory workers;
  private String address;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startServerAndWorker() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = TestServer.createPortBoundServer(port, true);
    address = "127.0.0.1:" + port;
    connection = TemporalConnection.open(TemporalSettings.from(Map.of("TEMPORAL_ADDRESS", address)));
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
        .setChannel(connection.stubs().getRawChannel()).validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
      RunbookSearchAttributes.ALL.forEach(key ->
          request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdown();
    }
    workers = WorkerFactory.newInstance(connection.client(), RunbookWorkerOptions.factoryOptions());
    workers.newWorker(TemporalSettings.from(Map.of()).taskQueue()).registerWorkflowImplementationTypes(StubRunbookWorkflow.class);
    workers.start();
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    connection.close();
    server.close();
  }

  @Test
  void aFinishedDocumentRunShowsItsOutcomeAndItsReport() throws Exception {
    RunbookClient client = new RunbookClient(connection);
    String id = client.startDocument(new RunbookRequest("operations-daily-check", "production", Map.of()));
    client.approveStep(id, new StepApproval("approve", "Dana", "numbers look right"));
    client.documentResultAsync(id).get(30, TimeUnit.SECONDS);

    CommandLine cli = new CommandLine(new StatusCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(new CliErrors());
    int exit = cli.execute(id, "--report", "--address", address);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains(id + " (RunbookWorkflow): COMPLETED")
        .contains("SUCCEEDED: approved by Dana: numbers look right").contains("# Runbook operations-daily-check");
  }
}
