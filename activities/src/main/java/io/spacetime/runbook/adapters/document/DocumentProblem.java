package io.spacetime.runbook.adapters.document;

/**
 * One thing wrong with a document, where an author finds it: {@code runbooks/x.yaml:14: steps[2].run:
 * property 'comand' is not allowed}.
 *
 * @param line 1-based; 0 when the document could not be placed (it is not YAML at all)
 * @param field the path of the field, as {@code steps[2].run.command}; empty for the whole document
 */
public record DocumentProblem(String file, int line, String field, String message) {

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
