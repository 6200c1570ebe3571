package io.spacetime.runbook.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.spacetime.runbook.starter.intake.RecordingIncidentWorkflow;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./runbook incident ...} against a Temporal server on a TCP port (as the embedded default
 * is) with a worker running the recording incident stand-in: exit 0 when done, 2 when the incident
 * refuses the update, 1 for bad input (before anything is sent) or an unreachable Temporal.
 */
class IncidentCommandTest {

  private static final String KEY = "incident-production-high-error-rate";

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
    registerSearchAttributes();
    workers = WorkerFactory.newInstance(connection.client(), RunbookWorkerOptions.factoryOptions());
    workers.newWorker("runbooks").registerWorkflowImplementationTypes(RecordingIncidentWorkflow.class);
    workers.start();
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    connection.close();
    server.close();
  }

  @Test
  void startThenAcknowledgeExitZero() {
    assertThat(run("start", "--type", "high-error-rate", "--env", "production", "--summary", "5xx at 7 %", "--by", "alice"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("Incident " + KEY);

    assertThat(run("ack", KEY, "--by", "alice")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("acknowledged by alice");
  }

  @Test
  void anUpdateTheIncidentRefusesExitsTwoWithItsReason() {
    run("start", "--type", "high-error-rate", "--env", "production", "--summary", "5xx", "--by", "alice");

    int exit = run("approve", KEY, "--action", "rm-everything@api-1", "--by", "dana", "--reason", "why not");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("refused: no action 'rm-everything@api-1'");
  }

  @Test
  void showAndPostMortemReadTheIncident() {
    run("start", "--type", "high-error-rate", "--env", "production", "--summary", "5xx at 7 %", "--by", "alice");
    run("note", KEY, "--by", "alice", "--text", "began with v2.5.0");

    assertThat(run("show", KEY)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Summary: 5xx at 7 %").contains("NOTE  alice: began with v2.5.0")
        .contains("Waiting for approval: kill-port-holder@api-1");
    assertThat(run("postmortem", KEY)).isZero();
    assertThat(out.toString()).contains("# Post-Incident Review: 5xx at 7 %");
  }

  @Test
  void listOnAServerWithoutVisibilitySaysWhereItLooked() {
    assertThat(run("list")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("No open incident.").contains("the incident index");
  }

  @Test
  void badInputExitsOneBeforeAnythingIsSent() {
    int exit = run("ack", KEY, "--by", "$(id)", "--address", "127.0.0.1:1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("by \"$(id)\" is not a name");
  }

  @Test
  void anUnreachableTemporalExitsOne() {
    int exit = run("list", "--address", "127.0.0.1:1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("cannot reach Temporal at 127.0.0.1:1 "); // the address asked, not the default
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = new CommandLine(new IncidentCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(new CliErrors());
    boolean hasAddress = java.util.Arrays.asList(args).contains("--address");
    String[] withAddress = hasAddress ? args : append(args, "--address", address);
    return cli.execute(withAddress);
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private void registerSearchAttributes() {
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
  }
}
