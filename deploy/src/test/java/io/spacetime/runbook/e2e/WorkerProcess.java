package io.spacetime.runbook.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A runbook worker in its own JVM ({@code runbook worker} on this test classpath), so a test can
 * SIGKILL it mid-run the way a crashed host would, and start another. It reads
 * {@code TEMPORAL_ADDRESS} and {@code RUNBOOK_ENVIRONMENTS} like the real one; its working
 * directory and {@code RUNBOOK_HOME} are {@code <log's directory>/worker-home}, so it never writes
 * into the repository. Public so other test packages (the Web UI test) can use it.
 */
public final class WorkerProcess implements AutoCloseable {

  /** What {@code WorkerCommand} logs once it polls. */
  static final String READY_LINE = "worker ready:";
  /** Where the project's artifacts sit in the local Maven repository. */
  private static final String OWN_GROUP_PATH = File.separator + String.join(File.separator, "io", "spacetime", "runbook")
      + File.separator;
  private static String stableClasspath;

  private final Process process;
  private final Path log;
  private final long logOffset;

  private WorkerProcess(Process process, Path log, long logOffset) {
    this.process = process;
    this.log = log;
    this.logOffset = logOffset;
  }

  /** Starts a worker; returns at once (see {@link #awaitReady}). Output is appended to {@code log}. */
  public static WorkerProcess start(String temporalAddress, Path environmentsDir, Path log, Map<String, String> extraEnv)
      throws Exception {
    return start(temporalAddress, environmentsDir, log, extraEnv, List.of());
  }

  /** The same, with options after {@code worker} ({@code --metrics-port 0}). */
  public static WorkerProcess start(String temporalAddress, Path environmentsDir, Path log, Map<String, String> extraEnv,
      List<String> workerOptions) throws Exception {
    Path home = log.toAbsolutePath().getParent().resolve("worker-home");
    Files.createDirectories(home);
    long offset = Files.exists(log) ? Files.size(log) : 0;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", stableClasspath(), "io.spacetime.runbook.cli.RunbookCli", "worker"));
    command.addAll(workerOptions);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("TEMPORAL_ADDRESS", temporalAddress);
    builder.environment().put("RUNBOOK_ENVIRONMENTS", environmentsDir.toAbsolutePath().toString());
    builder.environment().put("RUNBOOK_HOME", home.toString());
    builder.environment().put("RUNBOOK_LOG_LEVEL", "INFO");
    builder.environment().putAll(extraEnv);
    return new WorkerProcess(builder.start(), log, offset);
  }

  /**
   * This test JVM's classpath, with the project's own entries (its jars in the local Maven
   * repository, its target/ directories) copied once to a private directory. A worker JVM reads
   * classes lazily for as long as it runs; a {@code mvn install} or a recompile in the same
   * working tree meanwhile would otherwise replace them under it (ClassNotFoundException in the
   * middle of a run). Third-party jars never change in place and are used where they are.
   */
  static synchronized String stableClasspath() throws IOException {
    if (stableClasspath == null) {
      Path snapshot = Files.createTempDirectory("runbook-worker-classpath-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(snapshot), "delete-worker-classpath"));
      Path repo = DevServer.repositoryRoot();
      List<String> entries = new ArrayList<>();
      int n = 0;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path path = Path.of(entry).toAbsolutePath();
        boolean ours = path.startsWith(repo) || path.toString().contains(OWN_GROUP_PATH);
        if (!ours || !Files.exists(path)) {
          entries.add(entry);
          continue;
        }
        Path copy = snapshot.resolve((n++) + "-" + path.getFileName());
        copyTree(path, copy);
        entries.add(copy.toString());
      }
      stableClasspath = String.join(File.pathSeparator, entries);
    }
    return stableClasspath;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteQuietly(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // Best effort: a temporary directory.
    }
  }

  /** Starts a worker and waits until it logs that it polls. */
  public static WorkerProcess startReady(String temporalAddress, Path environmentsDir, Path log) throws Exception {
    WorkerProcess worker = start(temporalAddress, environmentsDir, log, Map.of());
    worker.awaitReady(Duration.ofSeconds(60));
    return worker;
  }

  /** Until the worker logs {@value #READY_LINE}; fails at once if the JVM exits first. */
  public WorkerProcess awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ownLog().contains(READY_LINE)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the worker exited with " + process.exitValue() + " before it was ready:\n"
            + ownLog());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the worker was not ready within " + timeout.toSeconds() + " s:\n" + ownLog());
      }
      Thread.sleep(50);
    }
    return this;
  }

  /** Until the worker exits by itself (it refused to start); its exit code. */
  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the worker still runs after " + timeout.toSeconds() + " s:\n" + ownLog());
    }
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no graceful anything — a crash. Returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("worker " + process.pid() + " still alive 30 s after SIGKILL");
    }
  }

  /** SIGTERM, as systemd or Kubernetes stop a worker; the exit code once it is gone. */
  public int terminate(Duration timeout) throws Exception {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the worker still runs " + timeout.toSeconds() + " s after SIGTERM:\n" + ownLog());
    }
    return process.exitValue();
  }

  /** The whole log file (all workers that appended to it). */
  public String log() throws Exception {
    return Files.readString(log);
  }

  /** What this worker wrote to the log. */
  public String ownLog() throws Exception {
    if (!Files.exists(log)) {
      return "";
    }
    byte[] all = Files.readAllBytes(log);
    int from = (int) Math.min(logOffset, all.length);
    return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** SIGTERM (graceful: running activities get the worker's grace period), SIGKILL after 30 s. */
  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
