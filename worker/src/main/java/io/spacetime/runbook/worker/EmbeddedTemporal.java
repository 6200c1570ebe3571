package io.spacetime.runbook.worker;

import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.Closeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: Temporal's in-process test server listening on a TCP port, so the CLI in
 * another shell reaches it like a real server. Time runs normally (time skipping locked): a
 * 30-minute wait takes 30 minutes. It keeps no state across restarts and has no visibility
 * (no list/search); use the dev server ({@code ./runbook dev-server}) for those.
 */
public final class EmbeddedTemporal implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts listening on {@code port} (all interfaces, as the test server always binds) and
   * registers the runbook search attributes, which the server requires before a run uses them.
   */
  public static EmbeddedTemporal start(int port) {
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    EmbeddedTemporal embedded = new EmbeddedTemporal(server, port);
    embedded.registerSearchAttributes();
    log.info("embedded Temporal (in-process test server) listening on port {}", port);
    return embedded;
  }

  /** As {@link #start(int)}, on a free port: for a demo or bench that must not meet a server already running. */
  public static EmbeddedTemporal startOnAFreePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      return start(port);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("no free TCP port for the embedded Temporal server", e);
    }
  }

  private void registerSearchAttributes() {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
      RunbookSearchAttributes.ALL.forEach(key ->
          request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdown();
      stubs.shutdown();
    }
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
