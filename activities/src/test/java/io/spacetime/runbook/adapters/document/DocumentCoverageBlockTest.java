package io.spacetime.runbook.adapters.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A document's {@code coverage:} block: read for the drift check, checked like the rest, never a run's. */
class DocumentCoverageBlockTest {

  static final String FILE = "runbooks/t.yaml";

  static final String DOCUMENT = """
      name: t
      description: a test document
      source: INDEX.md
      steps:
        - id: "1"
          title: Look
          run: {command: "uptime"}
        - id: "2"
          title: Judge
          check: {of: "1", exitCode: 0}
      """;

  @Test
  void aCoverageBlockIsReadInTheDocumentsOrderAndTheRunNeverSeesIt() {
    String text = DOCUMENT + """
        coverage:
          section: Daily morning check
          implements:
            "4. Check resource utilization": ["1", "2"]
            "2. Check service health": ["1"]
          notChecked:
            "1. Review overnight alerts": read by a person from the alert channel
        """;

    DocumentReader.Reading reading = DocumentReader.read(FILE, "t", text);
    DocumentCoverage coverage = DocumentCoverage.of(text).orElseThrow();

    assertTrue(reading.valid(), reading.problems().toString());
    assertEquals(2, reading.document().steps().size());
    assertEquals("Daily morning check", coverage.section());
    assertEquals(List.of("4. Check resource utilization", "2. Check service health"),
        List.copyOf(coverage.implementedBy().keySet()));
    assertEquals(List.of("1", "2"), coverage.implementedBy().get("4. Check resource utilization"));
    assertEquals(Map.of("1. Review overnight alerts", "read by a person from the alert channel"), coverage.notChecked());
  }

  @Test
  void aDocumentWithoutCoverageHasNone() {
    assertTrue(DocumentCoverage.of(DOCUMENT).isEmpty());
  }

  @Test
  void aClaimNamingAStepTheDocumentLacksIsRefused() {
    List<String> problems = problems(DOCUMENT + """
        coverage:
          implements:
            "2. Check service health": ["3"]
        """);

    assertEquals(List.of(FILE + ":13: coverage.implements: \"2. Check service health\" names step \"3\", which this"
        + " document does not have (its steps: 1, 2)"), problems);
  }

  @Test
  void aCoverageBlockWithoutTheSourceItIsReadAgainstIsRefused() {
    List<String> problems = problems(DOCUMENT.replace("source: INDEX.md\n", "") + """
        coverage:
          section: Daily morning check
        """);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":11: coverage: needs the document's source"), problems.get(0));
  }

  @Test
  void anUnknownFieldOrAShortExcuseIsRefusedByTheSchema() {
    List<String> problems = problems(DOCUMENT + """
        coverage:
          sections: Daily morning check
          notChecked:
            "1. Review overnight alerts": later
        """);

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("coverage.sections: property 'sections' is not defined")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("coverage.notChecked") && p.contains("10")), problems.toString());
  }

  private static List<String> problems(String text) {
    return DocumentReader.read(FILE, "t", text).problems().stream().map(DocumentProblem::toString).toList();
  }
}
