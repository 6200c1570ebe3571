package io.spacetime.runbook.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code runbook worker} in a JVM of its own, on this JVM's classpath, for bench (g): a worker
 * process as production runs it (its own SSH connections, its own slots and cache), reading the
 * same capacity variables the bench was started with. Its log and {@code RUNBOOK_HOME} are in
 * {@code home}.
 */
final class BenchWorkerProcess implements AutoCloseable {

  /** What {@code WorkerCommand} logs once it polls. */
  private static final String READY_LINE = "worker ready:";

  private final Process process;
  private final Path log;

  private BenchWorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static BenchWorkerProcess start(String address, String queue, Path environments, Path home) throws Exception {
    Files.createDirectories(home);
    Path log = home.resolve("worker.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The options ./runbook gives a long-running worker (the full JIT, the serial collector).
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), "io.spacetime.runbook.cli.RunbookCli", "worker"))
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("TEMPORAL_ADDRESS", address);
    builder.environment().put("RUNBOOK_TASK_QUEUE", queue);
    builder.environment().put("RUNBOOK_ENVIRONMENTS", environments.toAbsolutePath().toString());
    builder.environment().put("RUNBOOK_HOME", home.toAbsolutePath().toString());
    return new BenchWorkerProcess(builder.start(), log);
  }

  long pid() {
    return process.pid();
  }

  /** CPU seconds the worker process has used so far (user and system), or -1 where the OS does not say. */
  double cpuSeconds() {
    return process.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
  }

  /** Until the worker logs that it polls; fails at once if it exits first. */
  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8).contains(READY_LINE)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the bench's worker exited with " + process.exitValue()
            + " before it was ready; its log " + log + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the bench's worker was not ready within " + timeout.toSeconds() + " s; see "
            + log);
      }
      Thread.sleep(100); // polling a log file: the worker process says nothing else
    }
  }

  /** SIGTERM (the worker stops polling and exits), SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
