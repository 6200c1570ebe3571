package io.spacetime.runbook.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server for end-to-end tests, started through the project's own
 * {@code deploy/temporal/dev-server.sh} (so the script is tested too) on free ports with its own
 * SQLite file ({@code <dataDir>/temporal.db}). {@link #restart()} stops it and starts it again on
 * the same ports and the same file. Public so other test packages (the Web UI test) can use it.
 *
 * <pre>
 * try (DevServer server = DevServer.start(tempDir)) {
 *   TemporalConnection.open(TemporalSettings.fromEnvironment().withAddress(server.address()));
 * }
 * </pre>
 */
public final class DevServer implements AutoCloseable {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(30);

  private final Path repo;
  private final Path dataDir;
  private final int port;
  private final int uiPort;
  private boolean running;

  private DevServer(Path repo, Path dataDir, int port, int uiPort) {
    this.repo = repo;
    this.dataDir = dataDir;
    this.port = port;
    this.uiPort = uiPort;
  }

  /**
   * Starts a dev server with its state in {@code dataDir}; skips the test when the temporal CLI is
   * not installed in {@code .venv} ({@code bash .ci/run} installs it).
   */
  public static DevServer start(Path dataDir) throws Exception {
    Path repo = repositoryRoot();
    assumeTrue(Files.isExecutable(repo.resolve(".venv/bin/temporal")),
        "temporal CLI not installed in .venv (bash .ci/run installs it)");
    Files.createDirectories(dataDir);
    DevServer server = new DevServer(repo, dataDir, freePort(), freePort());
    server.run("--background");
    server.running = true;
    return server;
  }

  /** The gRPC frontend, {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The SQLite file that holds the server's state; it survives {@link #restart()}. */
  public Path databaseFile() {
    return dataDir.resolve("temporal.db");
  }

  /** The server's own log (warnings and errors). */
  public Path serverLog() {
    return dataDir.resolve("temporal.log");
  }

  public Path temporalCli() {
    return repo.resolve(".venv/bin/temporal");
  }

  /**
   * Runs the temporal CLI against this server ({@code --address} is appended) and returns its
   * output; fails when the CLI exits non-zero.
   */
  public String cli(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(temporalCli().toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--address", address()));
    Path output = Files.createTempFile(dataDir, "cli-", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("temporal " + String.join(" ", args) + " did not finish within 60 s");
      }
      String text = Files.readString(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("temporal " + String.join(" ", args) + " exited " + process.exitValue() + ": "
            + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Stops the server (SIGTERM through the script) and waits until its port is free again. */
  public void stop() throws Exception {
    run("--stop");
    running = false;
    awaitPortReleased();
  }

  /** Starts a {@link #stop stopped} server again on the same ports and SQLite file. */
  public void startAgain() throws Exception {
    run("--background");
    running = true;
  }

  /** Stops and starts the server on the same ports and the same SQLite file. */
  public void restart() throws Exception {
    stop();
    run("--background");
    running = true;
  }

  @Override
  public void close() throws Exception {
    if (running) {
      stop();
    }
  }

  private void run(String mode) throws Exception {
    List<String> command = new ArrayList<>(List.of(repo.resolve("deploy/temporal/dev-server.sh").toString(), mode,
        "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--ui-port", String.valueOf(uiPort)));
    Path log = dataDir.resolve("dev-server-script.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("dev-server.sh " + mode + " did not finish within " + SCRIPT_TIMEOUT.toSeconds()
          + " s: " + Files.readString(log));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("dev-server.sh " + mode + " exited " + process.exitValue() + ": "
          + Files.readString(log));
    }
  }

  /**
   * The script gives the server 10 s to exit after SIGTERM; a restart on the same port must not
   * race a server that is still shutting down.
   */
  private void awaitPortReleased() throws Exception {
    long deadline = System.nanoTime() + PORT_RELEASE_TIMEOUT.toNanos();
    while (portAnswers(port) || portAnswers(uiPort)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the dev server on " + address() + " still answers "
            + PORT_RELEASE_TIMEOUT.toSeconds() + " s after --stop");
      }
      Thread.sleep(50);
    }
  }

  private static boolean portAnswers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("runbook"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("repository root (with ./runbook) not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
