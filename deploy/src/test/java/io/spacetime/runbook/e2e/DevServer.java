package io.spacetime.runbook.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server for end-to-end tests, started through the project's own
 * {@code deploy/temporal/dev-server.sh} (so the script is tested too) on free ports with its own
 * SQLite file. {@link #restart()} stops and starts it on the same file.
 */
final class DevServer implements AutoCloseable {

  private final Path repo;
  private final Path dataDir;
  private final int port;
  private final int uiPort;

  private DevServer(Path repo, Path dataDir, int port, int uiPort) {
    this.repo = repo;
    this.dataDir = dataDir;
    this.port = port;
    this.uiPort = uiPort;
  }

  /** Starts a dev server; skips the test when the temporal CLI is not installed (.ci/run installs it). */
  static DevServer start(Path dataDir) throws Exception {
    Path repo = repositoryRoot();
    assumeTrue(Files.isExecutable(repo.resolve(".venv/bin/temporal")),
        "temporal CLI not installed in .venv (bash .ci/run installs it)");
    DevServer server = new DevServer(repo, dataDir, freePort(), freePort());
    server.run("--background");
    return server;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  Path temporalCli() {
    return repo.resolve(".venv/bin/temporal");
  }

  void stop() throws Exception {
    run("--stop");
  }

  void restart() throws Exception {
    stop();
    run("--background");
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  private void run(String mode) throws Exception {
    List<String> command = new ArrayList<>(List.of(repo.resolve("deploy/temporal/dev-server.sh").toString(), mode,
        "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--ui-port", String.valueOf(uiPort)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("dev-server-script.log").toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("dev-server.sh " + mode + " failed: "
          + Files.readString(dataDir.resolve("dev-server-script.log")));
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("runbook"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("repository root (with ./runbook) not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
