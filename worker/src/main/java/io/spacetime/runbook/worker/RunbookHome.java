package io.spacetime.runbook.worker;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the engine keeps its local files: {@code RUNBOOK_HOME} (default {@code ./.runbook}) holds
 * the sandbox and the environment files it writes; {@code RUNBOOK_ENVIRONMENTS} (a
 * {@code :}-separated list) overrides where environment files are looked up, by default
 * {@code $RUNBOOK_HOME/environments} then {@code ./environments}.
 */
public record RunbookHome(Path home, List<Path> environmentDirs) {

  public static RunbookHome fromEnvironment() {
    return from(System.getenv());
  }

  public static RunbookHome from(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("RUNBOOK_HOME", ".runbook")).toAbsolutePath().normalize();
    String configured = env.get("RUNBOOK_ENVIRONMENTS");
    List<Path> dirs = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      Arrays.stream(configured.split(File.pathSeparator)).filter(s -> !s.isBlank())
          .map(s -> Path.of(s).toAbsolutePath().normalize()).forEach(dirs::add);
    } else {
      dirs.add(home.resolve("environments"));
      dirs.add(Path.of("environments").toAbsolutePath().normalize());
    }
    return new RunbookHome(home, List.copyOf(dirs));
  }

  public Path sandboxDir() {
    return home.resolve("sandbox");
  }

  public Path environmentsDir() {
    return environmentDirs.get(0);
  }
}
