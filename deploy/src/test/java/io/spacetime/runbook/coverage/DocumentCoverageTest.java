package io.spacetime.runbook.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.coverage.Mapping.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift check for the shipped runbook documents, each against the Markdown it cites: today's
 * pass, and an edit of the Markdown (or of a document) the other does not follow fails, on copies.
 */
class DocumentCoverageTest {

  static final Path RUNBOOKS = RunbookCoverageTest.RUNBOOKS;
  static final Path DOCUMENTS = RunbookCoverageTest.DOCUMENTS;

  @TempDir Path markdown;
  @TempDir Path documents;

  @Test
  void everyShippedDocumentFollowsTheMarkdownItCites() throws IOException {
    List<DocumentCoverageCheck.DocumentResult> results = DocumentCoverageCheck.run(RUNBOOKS, DOCUMENTS);

    try (var shipped = Files.list(DOCUMENTS)) {
      assertThat(results).hasSize((int) shipped.filter(f -> f.toString().endsWith(".yaml")).count());
    }
    assertThat(results).allSatisfy(r -> {
      assertThat(r.problems()).as(r.file()).isEmpty();
      assertThat(r.result().mappings()).as(r.file()).isNotEmpty()
          .noneMatch(m -> m.status() == Status.MISSING);
      assertThat(r.complete()).as(r.file()).isTrue();
    });
  }

  @Test
  void theQuickStartGroupOfTheIndexIsReadAsStepsUnderItsGroup() {
    List<RunbookItem> items = MarkdownRunbook.read(RUNBOOKS.resolve("INDEX.md"));

    assertThat(items).filteredOn(i -> i.headings().contains("Troubleshooting workflow"))
        .extracting(RunbookItem::label).containsExactly("1. Define the problem clearly",
            "2. Quick checks: service, API, resources", "3. Review recent changes (deployments, configs)",
            "4. Collect logs and metrics", "5. Analyze error patterns", "6. Follow specific error resolution",
            "7. Escalate if needed (see guide)");
    assertThat(items).filteredOn(i -> i.label().equals("1. Review overnight alerts")).singleElement()
        .satisfies(i -> assertThat(i.headings()).containsSubsequence("2. Operations Runbook", "Quick Start",
            "Daily morning check"));
  }

  @Test
  void aStepAddedToTheQuickStartADocumentImplementsIsMissingForThatDocument() throws IOException {
    copy("troubleshooting-quick-check.yaml");
    String index = Files.readString(RUNBOOKS.resolve("INDEX.md"));
    Files.writeString(markdown.resolve("INDEX.md"), index.replace("7. Escalate if needed (see guide)",
        "7. Escalate if needed (see guide)\n8. Page the database team"));

    DocumentCoverageCheck.DocumentResult result = single();

    assertThat(result.complete()).isFalse();
    assertThat(result.result().mappings()).filteredOn(m -> m.status() == Status.MISSING)
        .extracting(m -> m.item().label()).containsExactly("8. Page the database team");
    assertThat(CoverageTable.renderDocuments(List.of(result)))
        .containsPattern("step   8\\. Page the database team +MISSING")
        .contains("documents: FAILED, 1 of 1 do not follow the Markdown they cite");
  }

  @Test
  void aRenamedItemLeavesTheDocumentsClaimAndExcuseNamingNothingAndFails() throws IOException {
    copy("troubleshooting-quick-check.yaml");
    String index = Files.readString(RUNBOOKS.resolve("INDEX.md"));
    Files.writeString(markdown.resolve("INDEX.md"), index
        .replace("3. Review recent changes (deployments, configs)", "3. Review what changed")
        .replace("5. Analyze error patterns", "5. Look for patterns"));

    DocumentCoverageCheck.DocumentResult result = single();

    assertThat(result.problems()).containsExactly("claims \"3. Review recent changes (deployments, configs)\", which"
        + " section \"Troubleshooting workflow\" of INDEX.md does not have");
    assertThat(result.result().stale()).containsExactly(
        "troubleshooting-quick-check: \"5. Analyze error patterns\" matches no item of INDEX.md");
    assertThat(result.result().mappings()).filteredOn(m -> m.status() == Status.MISSING)
        .extracting(m -> m.item().label()).containsExactly("3. Review what changed", "5. Look for patterns");
  }

  @Test
  void aDocumentThatDeclaresNoCoverageOrASectionThePageLacksFails() throws IOException {
    Files.copy(RUNBOOKS.resolve("INDEX.md"), markdown.resolve("INDEX.md"));
    String shipped = Files.readString(DOCUMENTS.resolve("troubleshooting-quick-check.yaml"));
    Files.writeString(documents.resolve("troubleshooting-quick-check.yaml"), shipped.substring(0, shipped.indexOf("coverage:")));

    assertThat(single().problems()).singleElement().asString().startsWith("declares no coverage: block");

    Files.writeString(documents.resolve("troubleshooting-quick-check.yaml"),
        shipped.replace("section: Troubleshooting workflow", "section: Troubleshooting flow"));
    assertThat(single().problems()).first().isEqualTo(
        "section \"Troubleshooting flow\" is no heading or Quick Start group of INDEX.md");
  }

  @Test
  void aClaimNamingAStepTheDocumentLacksIsRefusedByTheDocumentRules() throws IOException {
    Files.copy(RUNBOOKS.resolve("INDEX.md"), markdown.resolve("INDEX.md"));
    String shipped = Files.readString(DOCUMENTS.resolve("troubleshooting-quick-check.yaml"));
    Files.writeString(documents.resolve("troubleshooting-quick-check.yaml"), shipped.replace("[\"3 changes\"]", "[\"3 change\"]"));

    assertThat(single().problems()).singleElement().asString()
        .contains("is not a valid document")
        .contains("coverage.implements: \"3. Review recent changes (deployments, configs)\" names step \"3 change\","
            + " which this document does not have");
  }

  private void copy(String document) throws IOException {
    Files.copy(DOCUMENTS.resolve(document), documents.resolve(document));
  }

  private DocumentCoverageCheck.DocumentResult single() {
    List<DocumentCoverageCheck.DocumentResult> results = DocumentCoverageCheck.run(markdown, documents);
    assertThat(results).hasSize(1);
    return results.get(0);
  }
}
