package io.spacetime.runbook.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling: asks again at a fixed interval until the answer is good or the deadline
 * passes, and hands back the last answer so the caller can say what it saw.
 */
final class Poll {

  static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  static <T> T until(Duration timeout, Duration interval, Supplier<T> probe, Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() - deadline < 0) {
      Thread.sleep(interval.toMillis());
      last = probe.get();
    }
    return last;
  }

  /** The last {@code lines} lines of a log file, for error messages. */
  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
