package io.spacetime.runbook.coverage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code ./runbook runbooks coverage}: the drift check; exit 1 when the engine does not follow the runbooks. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
    description = {
        "Check that the engine follows the Markdown runbooks.",
        "Prints every numbered step, procedure, scenario and verification item of RUNBOOK_DEPLOYMENT.md"
            + " and RUNBOOK_INCIDENTS.md with the engine step that implements it, 'not checked: why', or"
            + " MISSING. Exit 1 when an item has no mapping (or a not-checked entry names an item that is"
            + " gone), 0 otherwise."})
public final class CoverageCommand implements Callable<Integer> {

  @Option(names = "--runbooks", paramLabel = "DIR",
      description = "The directory of the Markdown runbooks (default: ../shared/runbooks beside the project).")
  Path runbooks;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path directory = runbooks != null ? runbooks : defaultDirectory();
    Coverage.Result result;
    try {
      result = CoverageCheck.run(directory, List.of(new EngineCatalogues()));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    spec.commandLine().getOut().print(CoverageTable.render(result));
    spec.commandLine().getOut().flush();
    return result.complete() ? 0 : 1;
  }

  /** {@code $RUNBOOK_REPO/../shared/runbooks} (./runbook sets it), else from the working directory. */
  static Path defaultDirectory() {
    String repo = System.getenv().getOrDefault("RUNBOOK_REPO", "");
    Path root = repo.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(repo);
    return root.resolve("../shared/runbooks").normalize();
  }
}
