package io.spacetime.runbook.sandbox.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's AWS: a real moto server (PyPI {@code moto[server]}, ELBv2, EC2 and Route 53 as
 * their APIs answer) for the AWS adapter tests and the sandbox deployments through a load balancer:
 * {@code .venv/bin/moto_server} on a free loopback port, started once per JVM and shared by every
 * test class; {@link #reset()} empties it between tests.
 *
 * <p>A missing moto fails the test with what to install instead of skipping it: CI installs it
 * ({@code bash .ci/run}), and a skipped AWS suite would pass a build that tested no AWS step. The
 * credentials the SDK's default chain finds are set here as the {@code aws.accessKeyId} system
 * properties (moto accepts any): the adapters read them the way a worker reads real ones.
 */
public final class MotoServer {

  public static final String VERSION = "5.2.5";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static MotoServer shared;
  private static RuntimeException sharedFailure;

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The server of this JVM, started on first use; a failed start fails every later call the same way. */
  public static synchronized MotoServer shared() {
    if (sharedFailure != null) {
      throw new IllegalStateException("moto failed to start earlier in this JVM: " + sharedFailure.getMessage(),
          sharedFailure);
    }
    if (shared == null) {
      try {
        shared = start();
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "moto-stop"));
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
    }
    return shared;
  }

  private static MotoServer start() {
    Path moto = repositoryRoot().resolve(".venv/bin/moto_server");
    if (!Files.isExecutable(moto)) {
      throw new IllegalStateException("moto is not installed: " + moto + " is missing. Install it with"
          + " `python3 -m venv .venv && .venv/bin/pip install 'moto[server]==" + VERSION + "'` in the repository"
          + " (bash .ci/run does)");
    }
    try {
      int port = freePort();
      Path log = Files.createTempFile("moto", ".log");
      Process process = new ProcessBuilder(moto.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      MotoServer server = new MotoServer(process, port);
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!server.answers()) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("moto_server did not start on port " + port + ": " + Files.readString(log));
        }
        process.waitFor(100, TimeUnit.MILLISECONDS);
      }
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("moto_server could not be started: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto_server", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, the endpoint override of every AWS client. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Forgets every resource of every region ({@code POST /moto-api/reset}). */
  public void reset() {
    post("/moto-api/reset", "");
  }

  /**
   * From now on every request is checked against moto's IAM (its users, keys and policies), as AWS
   * does; {@code false} goes back to accepting any credentials. moto's own switch
   * ({@code POST /moto-api/reset-auth}), for the tests that prove a missing permission for real.
   */
  public void enforceIam(boolean enforce) {
    post("/moto-api/reset-auth", enforce ? "0" : "inf");
  }

  private void post(String path, String body) {
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint() + path))
          .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("moto " + path + " answered " + answer.statusCode() + ": " + answer.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private boolean answers() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
  }

  /** The directory holding {@code .ci/run}: the repository (or worktree) the tests run in. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".ci/run"))) {
        return d;
      }
    }
    throw new IllegalStateException("no .ci/run above " + dir + ": run the tests inside the repository");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
