package io.spacetime.runbook.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.InducedCondition;
import io.spacetime.runbook.sandbox.hosts.SandboxProcesses;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a sandbox ends what its conditions started too: nothing of it outlives it on the host's ports. */
class SandboxCloseTest {

  @TempDir Path dir;

  @Test
  void closeEndsTheForeignProcessOfAPortConflict() throws Exception {
    InducedCondition conflict;
    String address;
    try (Sandbox sandbox = Sandbox.builder().root(dir).hosts(1).subnet(112).start()) {
      address = sandbox.hosts().get(0).address();
      conflict = sandbox.induce(sandbox.hosts().get(0), Condition.PORT_CONFLICT);
      assertTrue(accepts(address, ServiceConfig.PRODUCTION.apiPort()));
    }

    assertTrue(ProcessHandle.of(conflict.foreignPid()).map(SandboxProcesses::ended).orElse(true),
        "the foreign process " + conflict.foreignPid() + " was ended");
    assertFalse(accepts(address, ServiceConfig.PRODUCTION.apiPort()), "nothing listens on the API port");
  }

  private static boolean accepts(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
