package io.spacetime.runbook.sandbox.standin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The stand-in service's log, in the shape of the runbook's journal lines
 * ({@code ... spacetime[12345]: [GodotBridge] HTTP server started on port 8080}). Errors carry
 * {@code ERROR} and warnings {@code WARN} before the component, which is what Step 10 and the
 * "Review Logs" checks grep for. Every line is appended and flushed at once, so a reader that
 * tails the file sees it while the service runs.
 */
final class Journal implements AutoCloseable {

  /** Millisecond timestamps in UTC, always with the fraction (unlike {@code Instant.toString}). */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final OutputStream out;
  private final Clock clock;
  private final String process;
  private boolean closed;

  private Journal(OutputStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
    this.process = "spacetime[" + ProcessHandle.current().pid() + "]";
  }

  static Journal open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new Journal(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        Clock.systemUTC());
  }

  void info(String component, String message) {
    write("[" + component + "] " + message);
  }

  void warn(String component, String message) {
    write("WARN [" + component + "] " + message);
  }

  void error(String component, String message) {
    write("ERROR [" + component + "] " + message);
  }

  private synchronized void write(String text) {
    if (closed) {
      return; // a timer that fired during shutdown; the shutdown line is already the last one
    }
    String line = TIMESTAMP.format(clock.instant()) + " " + process + ": " + text + "\n";
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the service log", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    out.close();
  }
}
