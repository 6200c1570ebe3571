package io.spacetime.runbook.sandbox.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A host's {@code commands.log}: every command its SSH server received, one line each,
 * {@code <UTC timestamp> <command>}, with backslash, newline and carriage return escaped so a
 * multi-line command stays one line. Both kinds of host write the same format (the OpenSSH
 * hosts from their ForceCommand wrapper, see {@link OpenSshHost}), so tests can assert what ran
 * and, as important, that nothing ran.
 */
public final class CommandLog {

  static final String FILE_NAME = "commands.log";
  /** Millisecond UTC timestamps, always with the fraction: what the ForceCommand wrapper writes too. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CommandLog() {}

  /** Appends one line in one write: concurrent sessions never interleave within a line. */
  static void append(Path file, String command) throws IOException {
    String line = TIMESTAMP.format(Instant.now()) + " " + escape(command) + "\n";
    Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The commands in the order received, unescaped; empty if none (or no log yet). */
  public static List<String> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isEmpty())
        .map(line -> unescape(line.substring(line.indexOf(' ') + 1)))
        .toList();
  }

  /** Empties the log, so what follows shows only what ran from now on. */
  public static void clear(Path file) throws IOException {
    Files.write(file, new byte[0]);
  }

  static String escape(String command) {
    return command.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String logged) {
    StringBuilder out = new StringBuilder(logged.length());
    for (int i = 0; i < logged.length(); i++) {
      char c = logged.charAt(i);
      if (c == '\\' && i + 1 < logged.length()) {
        char next = logged.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
