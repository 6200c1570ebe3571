package io.spacetime.runbook.coverage;

import io.spacetime.runbook.core.StepCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The drift check: reads every Markdown runbook the catalogues name, from one directory, and maps
 * its items to the engine ({@link Coverage}).
 */
public final class CoverageCheck {

  private CoverageCheck() {}

  /** The coverage of the runbooks in {@code directory}; the message names a runbook that is not there. */
  public static Coverage.Result run(Path directory, List<CatalogueSource> sources) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("--runbooks " + directory + " is not a directory: give the directory that"
          + " holds RUNBOOK_DEPLOYMENT.md and RUNBOOK_INCIDENTS.md");
    }
    List<StepCatalogue> catalogues = new ArrayList<>();
    sources.forEach(s -> catalogues.addAll(s.catalogues()));
    Set<String> runbooks = new LinkedHashSet<>();
    catalogues.forEach(c -> runbooks.add(c.runbook()));
    List<RunbookItem> items = new ArrayList<>();
    for (String runbook : runbooks) {
      Path file = directory.resolve(runbook);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--runbooks " + directory + " has no " + runbook + " (the engine implements it;"
            + " give the directory that holds it)");
      }
      items.addAll(MarkdownRunbook.read(file));
    }
    return new Coverage(catalogues).map(items);
  }
}
