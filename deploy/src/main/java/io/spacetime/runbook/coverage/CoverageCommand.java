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
            + " MISSING; then each runbook document (runbooks/*.yaml) against the Markdown it cites (its"
            + " coverage: block). Exit 1 when an item has no mapping, a not-checked entry or a claim names"
            + " an item that is gone, or a document declares no coverage; 0 otherwise."})
public final class CoverageCommand implements Callable<Integer> {

  @Option(names = "--runbooks", paramLabel = "DIR",
      description = "The directory of the Markdown runbooks (default: ../shared/runbooks beside the project).")
  Path runbooks;

  @Option(names = "--documents", paramLabel = "DIR",
      description = "The directory of the runbook documents to check (default: runbooks/ of the project).")
  Path documents;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path directory = runbooks != null ? runbooks : defaultDirectory();
    Coverage.Result result;
    List<DocumentCoverageCheck.DocumentResult> shipped;
    try {
      result = CoverageCheck.run(directory, List.of(new EngineCatalogues()));
      shipped = DocumentCoverageCheck.run(directory, documents != null ? documents : projectRoot().resolve("runbooks"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    spec.commandLine().getOut().print(CoverageTable.render(result));
    spec.commandLine().getOut().print('\n');
    spec.commandLine().getOut().print(CoverageTable.renderDocuments(shipped));
    spec.commandLine().getOut().flush();
    return result.complete() && shipped.stream().allMatch(DocumentCoverageCheck.DocumentResult::complete) ? 0 : 1;
  }

  /** {@code $RUNBOOK_REPO/../shared/runbooks} (./runbook sets it), else from the working directory. */
  static Path defaultDirectory() {
    return projectRoot().resolve("../shared/runbooks").normalize();
  }

  /** {@code $RUNBOOK_REPO} (./runbook sets it), else the working directory. */
  private static Path projectRoot() {
    String repo = System.getenv().getOrDefault("RUNBOOK_REPO", "");
    return repo.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(repo);
  }
}
