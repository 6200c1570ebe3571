package io.spacetime.runbook.sandbox.commands;

import java.nio.file.Path;

/**
 * Where the CLI keeps its state: {@code $RUNBOOK_HOME} ({@code ./.runbook} by default), with the
 * background sandbox in {@code sandbox/} and environment files in {@code environments/}, where the
 * product's loader looks for {@code --env sandbox}.
 */
record SandboxHome(Path home) {

  static SandboxHome fromEnvironment() {
    String configured = System.getenv("RUNBOOK_HOME");
    Path home = Path.of(configured == null || configured.isBlank() ? ".runbook" : configured);
    return new SandboxHome(home.toAbsolutePath().normalize());
  }

  Path sandboxDir() {
    return home.resolve("sandbox");
  }

  Path environmentsDir() {
    return home.resolve("environments");
  }
}
