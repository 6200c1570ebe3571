package io.spacetime.runbook.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A runbook worker in its own JVM ({@code runbook worker}), so a test can SIGKILL it mid-run the
 * way a crashed host would, and start another.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(String temporalAddress, Path environmentsDir, Path log, Map<String, String> extraEnv)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "io.spacetime.runbook.cli.RunbookCli", "worker"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("TEMPORAL_ADDRESS", temporalAddress);
    builder.environment().put("RUNBOOK_ENVIRONMENTS", environmentsDir.toString());
    builder.environment().put("RUNBOOK_LOG_LEVEL", "INFO");
    builder.environment().putAll(extraEnv);
    return new WorkerProcess(builder.start(), log);
  }

  /** SIGKILL: no shutdown hook, no graceful anything — a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String log() throws Exception {
    return Files.readString(log);
  }

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
