package io.spacetime.runbook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.standin.StandInClasspath;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stand-in services of a sandbox that the assembly starts (demo, bench, {@code sandbox up})
 * run with the sandbox module's classes, as a directory or a jar, and none of the assembly's
 * modules: the classpath is found from where classes were loaded, so a move between modules must
 * not leave it pointing at the wrong one.
 */
class StandInClasspathTest {

  /** Our modules as a reactor build or a repository puts them on a classpath. */
  private static final Pattern OUR_MODULE =
      Pattern.compile(".*/(?:runbook-([a-z]+)-[^/]*\\.jar|([a-z]+)/target/classes)");

  @Test
  void namesTheSandboxModuleAndNoOtherModuleOfOurs() {
    List<String> entries = List.of(StandInClasspath.resolve().split(File.pathSeparator));

    List<String> modules = entries.stream().map(OUR_MODULE::matcher).filter(Matcher::matches)
        .map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList();
    assertEquals(List.of("sandbox"), modules, String.join("\n", entries));
    assertTrue(entries.stream().allMatch(entry -> Files.exists(Path.of(entry))), String.join("\n", entries));
  }
}
