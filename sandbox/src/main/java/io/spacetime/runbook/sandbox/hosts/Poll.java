package io.spacetime.runbook.sandbox.hosts;

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
public final class Poll {

  /** Short enough that a wait ends soon after its condition, long enough to cost nothing. */
  public static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  /** Asks {@code probe} until {@code done} accepts its answer or {@code timeout} passes; returns the last answer. */
  public static <T> T until(Duration timeout, Duration interval, Supplier<T> probe, Predicate<T> done)
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
  public static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
