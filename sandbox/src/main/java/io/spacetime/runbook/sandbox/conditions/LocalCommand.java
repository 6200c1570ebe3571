package io.spacetime.runbook.sandbox.conditions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the sandbox runs on the machine itself ({@code tar}, {@code du}): the same tools the
 * engine runs on a host, so what the sandbox measures is what the engine measures. Bounded by a
 * timeout; its output goes to a file, not a pipe, so waiting never depends on what its children
 * hold open.
 */
final class LocalCommand {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private LocalCommand() {}

  /** Runs {@code command} in {@code dir}; its output (both streams) when it exits 0, else an exception with it. */
  static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("sandbox-command", ".out");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT.toSeconds() + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text.trim());
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
