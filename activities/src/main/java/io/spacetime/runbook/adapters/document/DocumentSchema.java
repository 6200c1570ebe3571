package io.spacetime.runbook.adapters.document;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code runbook-document.schema.json} (JSON Schema 2020-12, a resource of this module), checked by
 * networknt's json-schema-validator: shapes, types, patterns, enums and unknown fields.
 */
final class DocumentSchema {

  static final String RESOURCE = "runbook-document.schema.json";
  private static final Schema SCHEMA = load();

  private DocumentSchema() {}

  static List<DocumentProblem> check(String file, DocumentTree tree) {
    return SCHEMA.validate(tree.root).stream().map(e -> problem(file, tree, e)).distinct().toList();
  }

  /**
   * Where the validator found it: the instance's path, and for a refused or missing property the
   * property itself (its own line when it is there).
   */
  private static DocumentProblem problem(String file, DocumentTree tree, Error error) {
    String field = path(error.getInstanceLocation().toString());
    JsonNode node = error.getInstanceNode();
    int line = DocumentTree.line(node);
    String property = error.getProperty();
    if (property != null && node != null && node.get(property) != null) {
      field = field.isEmpty() ? property : field + "." + property;
      line = DocumentTree.line(node.get(property));
    }
    if (line == 0) {
      line = tree.lineOf(field);
    }
    String message = error.getMessage();
    // The validator's message starts with the instance path again; the problem says it once.
    String prefix = error.getInstanceLocation().toString() + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    return new DocumentProblem(file, line, field, message);
  }

  /** The validator's JSON pointer {@code /steps/2/run} (or {@code $.steps[2].run}) as {@code steps[2].run}. */
  static String path(String location) {
    if (location.startsWith("/") || location.isEmpty()) {
      StringBuilder out = new StringBuilder();
      for (String part : location.split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        String name = part.replace("~1", "/").replace("~0", "~");
        if (name.matches("[0-9]+")) {
          out.append('[').append(name).append(']');
        } else {
          out.append(out.length() == 0 ? "" : ".").append(name);
        }
      }
      return out.toString();
    }
    String p = location.startsWith("$") ? location.substring(1) : location;
    return p.startsWith(".") ? p.substring(1) : p;
  }

  private static Schema load() {
    try (InputStream in = DocumentSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
