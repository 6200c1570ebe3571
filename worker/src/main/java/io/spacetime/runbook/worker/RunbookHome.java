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
 * {@code $RUNBOOK_HOME/environments} then {@code ./environments}; {@code RUNBOOK_DOCUMENTS} likewise
 * where runbook documents are looked up, by default {@code $RUNBOOK_HOME/runbooks} then {@code ./runbooks}.
 */
public record RunbookHome(Path home, List<Path> environmentDirs, List<Path> documentDirs) {

  /** The default document directories under {@code home}. */
  public RunbookHome(Path home, List<Path> environmentDirs) {
    this(home, environmentDirs, defaultDirs(home, "runbooks"));
  }

  public static RunbookHome fromEnvironment() {
    return from(System.getenv());
  }

  public static RunbookHome from(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("RUNBOOK_HOME", ".runbook")).toAbsolutePath().normalize();
    return new RunbookHome(home, dirs(env.get("RUNBOOK_ENVIRONMENTS"), home, "environments"),
        dirs(env.get("RUNBOOK_DOCUMENTS"), home, "runbooks"));
  }

  /** {@code configured} ({@code :}-separated) when given, else {@code home/name} then {@code ./name}. */
  private static List<Path> dirs(String configured, Path home, String name) {
    if (configured == null || configured.isBlank()) {
      return defaultDirs(home, name);
    }
    List<Path> dirs = new ArrayList<>();
    Arrays.stream(configured.split(File.pathSeparator)).filter(s -> !s.isBlank())
        .map(s -> Path.of(s).toAbsolutePath().normalize()).forEach(dirs::add);
    return List.copyOf(dirs);
  }

  private static List<Path> defaultDirs(Path home, String name) {
    return List.of(home.resolve(name), Path.of(name).toAbsolutePath().normalize());
  }

  public Path sandboxDir() {
    return home.resolve("sandbox");
  }

  public Path environmentsDir() {
    return environmentDirs.get(0);
  }
}
