package io.spacetime.runbook.adapters.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spacetime.runbook.document.RunbookDocument;
import java.io.IOException;
import java.util.List;

/**
 * Reads a runbook document and tells everything wrong with it at once: first its YAML, then the
 * JSON Schema, then the document rules. Used by the loader activity and by {@code ./runbook runbooks check}.
 */
public final class DocumentReader {

  /** A document is recorded in every run's history: it stays small. */
  public static final int MAX_CHARS = 64 * 1024;

  private static final ObjectMapper MODEL = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** The document when {@code problems} is empty. */
  public record Reading(RunbookDocument document, List<DocumentProblem> problems) {

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private DocumentReader() {}

  /**
   * @param file how messages name the file ({@code runbooks/x.yaml})
   * @param expectedName the name the file's name gives it; null to skip that rule
   */
  public static Reading read(String file, String expectedName, String text) {
    if (text.length() > MAX_CHARS) {
      return invalid(new DocumentProblem(file, 0, "", "is " + text.length() + " characters long; a document is recorded"
          + " in each run's history and may have at most " + MAX_CHARS));
    }
    DocumentTree tree;
    try {
      tree = DocumentTree.parse(text);
    } catch (RuntimeException e) {
      return invalid(new DocumentProblem(file, 0, "", "is not YAML: " + firstLine(e.getMessage())));
    }
    if (tree.root == null || !tree.root.isObject()) {
      return invalid(new DocumentProblem(file, 1, "", "is not a YAML mapping (name:, description:, steps:)"));
    }
    List<DocumentProblem> schema = DocumentSchema.check(file, tree);
    if (!schema.isEmpty()) {
      return new Reading(null, schema);
    }
    RunbookDocument document;
    try {
      document = MODEL.readValue(text, RunbookDocument.class);
    } catch (IOException e) {
      // The schema passed, so this is a value the model cannot hold; say so rather than guess.
      return invalid(new DocumentProblem(file, 0, "", firstLine(e.getMessage())));
    }
    List<DocumentProblem> rules = DocumentRules.check(file, expectedName, tree, document);
    return rules.isEmpty() ? new Reading(document, List.of()) : new Reading(null, rules);
  }

  private static Reading invalid(DocumentProblem problem) {
    return new Reading(null, List.of(problem));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
