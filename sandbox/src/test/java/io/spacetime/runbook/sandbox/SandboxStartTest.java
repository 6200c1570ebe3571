package io.spacetime.runbook.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a sandbox refuses to start, and that a failed start leaves nothing running. */
class SandboxStartTest {

  @TempDir Path dir;

  @Test
  void rejectsInvalidOptionsNamingEachProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sandbox.builder().root(dir).hosts(0).subnet(300).initialVersion("latest").start());

    assertTrue(e.getMessage().contains("hosts must be between 1 and 200"), e.getMessage());
    assertTrue(e.getMessage().contains("subnet"), e.getMessage());
    assertTrue(e.getMessage().contains("initialVersion"), e.getMessage());
  }

  @Test
  void failsWithTheServiceLogWhenAServicePortIsTakenAndStopsWhatItStarted() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.75.2", ServiceConfig.PRODUCTION.apiPort()));

      IOException e = assertThrows(IOException.class,
          () -> Sandbox.builder().root(dir).hosts(1).subnet(75).start());

      assertTrue(e.getMessage().contains("host-1: start failed: the service exited"), e.getMessage());
      assertTrue(e.getMessage().contains("API port 127.0.75.2:8080 is not available"), e.getMessage());
    }
    assertFalse(accepts("127.0.75.2", Sandbox.SSH_PORT), "the SSH server was stopped");
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
