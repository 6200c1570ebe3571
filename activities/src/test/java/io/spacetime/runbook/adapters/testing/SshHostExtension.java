package io.spacetime.runbook.adapters.testing;

import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.ports.hosts.HostTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link SshTestHost} and one {@link HostConnections} pool for a test class:
 * {@code @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();}
 */
public final class SshHostExtension implements BeforeAllCallback, AfterAllCallback {

  private Path dir;
  private SshTestHost server;
  private HostConnections connections;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("ssh-test-host");
    server = SshTestHost.start(dir);
    connections = new HostConnections();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    connections.close();
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }

  public SshTestHost server() {
    return server;
  }

  /** The pool shared by the class's tests. */
  public HostConnections connections() {
    return connections;
  }

  public HostTarget target(String name) {
    return server.target(name);
  }
}
