package io.spacetime.runbook.coverage;

import io.spacetime.runbook.adapters.document.DocumentCoverage;
import io.spacetime.runbook.adapters.document.DocumentProblem;
import io.spacetime.runbook.adapters.document.DocumentReader;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.document.RunbookDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The drift check for the shipped runbook documents: each one against the Markdown it cites. A
 * document's {@code coverage:} block names the section it implements (every item under it must be
 * done by a step or deliberately not checked, with why) and which steps do each item; a claim or an
 * excuse for an item the page no longer has fails, as does a document that declares nothing, so
 * an edit of the Markdown the document does not follow fails the build.
 */
public final class DocumentCoverageCheck {

  private DocumentCoverageCheck() {}

  /**
   * One document's coverage.
   *
   * @param problems what stops the document's coverage from being read, or claims that name
   *     nothing on the page; empty when the result says it all
   */
  public record DocumentResult(String file, String runbook, String section, Coverage.Result result, List<String> problems) {

    public DocumentResult {
      problems = List.copyOf(problems);
    }

    public boolean complete() {
      return problems.isEmpty() && result.complete();
    }
  }

  /** Every {@code *.yaml} of {@code documents}, in name order, against the Markdown runbooks of {@code markdown}. */
  public static List<DocumentResult> run(Path markdown, Path documents) {
    if (!Files.isDirectory(documents)) {
      throw new IllegalArgumentException("--documents " + documents + " is not a directory: give the directory of the"
          + " runbook documents (runbooks/ in the project)");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(documents)) {
      files = listing.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list --documents " + documents + ": " + e.getMessage(), e);
    }
    return files.stream().map(f -> check(markdown, f)).toList();
  }

  static DocumentResult check(Path markdown, Path file) {
    String shown = file.getParent().getFileName() + "/" + file.getFileName();
    String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return failed(shown, "", "", "cannot be read: " + e.getMessage());
    }
    DocumentReader.Reading reading = DocumentReader.read(shown, name, text);
    if (!reading.valid()) {
      return failed(shown, "", "", "is not a valid document (./runbook runbooks check " + shown + "): "
          + reading.problems().stream().map(DocumentProblem::toString).findFirst().orElse(""));
    }
    RunbookDocument document = reading.document();
    Optional<DocumentCoverage> declared = DocumentCoverage.of(text);
    if (declared.isEmpty()) {
      return failed(shown, document.source(), "", "declares no coverage: block (the section of " + document.source()
          + " it implements, and which steps do each item), so nothing keeps it in step with its Markdown");
    }
    DocumentCoverage coverage = declared.get();
    Path page = markdown.resolve(document.source());
    if (!Files.isRegularFile(page)) {
      return failed(shown, document.source(), coverage.section(), "cites " + document.source() + ", which "
          + markdown + " does not have");
    }
    List<RunbookItem> items = MarkdownRunbook.read(page);
    List<RunbookItem> inScope = coverage.section().isEmpty()
        ? items.stream().filter(i -> claimed(coverage, i)).toList()
        : items.stream().filter(i -> under(i, coverage.section())).toList();
    List<String> problems = new ArrayList<>();
    if (!coverage.section().isEmpty() && inScope.isEmpty()) {
      problems.add("section \"" + coverage.section() + "\" is no heading or Quick Start group of " + document.source());
    }
    coverage.implementedBy().keySet().stream().filter(item -> inScope.stream().noneMatch(i -> Coverage.same(i.label(), item)))
        .forEach(item -> problems.add("claims \"" + item + "\", which " + where(document, coverage) + " does not have"));
    if (inScope.isEmpty()) {
      // With nothing to map, the mapping cannot find excuses that name nothing: say so here.
      coverage.notChecked().keySet().forEach(item -> problems.add("leaves \"" + item + "\" not checked, which "
          + where(document, coverage) + " does not have"));
    }
    Coverage.Result result = new Coverage(List.of(catalogue(document, coverage))).map(inScope);
    return new DocumentResult(shown, document.source(), coverage.section(), result, problems);
  }

  /** The document as a catalogue: its steps, its claims (item: the steps that do it), its excuses. */
  private static StepCatalogue catalogue(RunbookDocument document, DocumentCoverage coverage) {
    List<Step> steps = document.steps().stream().map(s -> new Step(s.id(), s.title())).toList();
    List<StepCatalogue.Covered> covers = new ArrayList<>();
    for (Map.Entry<String, List<String>> claim : coverage.implementedBy().entrySet()) {
      // By id: the titles are in the run's report, the table stays one screen.
      covers.add(StepCatalogue.covered(claim.getKey(), (claim.getValue().size() == 1 ? "step " : "steps ")
          + String.join(", ", claim.getValue())));
    }
    List<StepCatalogue.NotChecked> excuses = coverage.notChecked().entrySet().stream()
        .map(e -> StepCatalogue.notChecked(e.getKey(), e.getValue())).toList();
    return new StepCatalogue(document.name(), document.source(), coverage.section(), steps, covers, excuses);
  }

  private static boolean under(RunbookItem item, String section) {
    return Coverage.same(item.label(), section) || item.headings().stream().anyMatch(h -> Coverage.same(h, section));
  }

  private static boolean claimed(DocumentCoverage coverage, RunbookItem item) {
    return Stream.concat(coverage.implementedBy().keySet().stream(), coverage.notChecked().keySet().stream())
        .anyMatch(claim -> Coverage.same(claim, item.label()));
  }

  private static String where(RunbookDocument document, DocumentCoverage coverage) {
    return coverage.section().isEmpty() ? document.source()
        : "section \"" + coverage.section() + "\" of " + document.source();
  }

  private static DocumentResult failed(String file, String runbook, String section, String problem) {
    return new DocumentResult(file, runbook, section, new Coverage.Result(List.of(), List.of()), List.of(problem));
  }
}
