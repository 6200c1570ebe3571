package io.spacetime.runbook.adapters.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a document says it implements of the Markdown runbook it cites (its {@code coverage:}
 * block), for the drift check ({@code ./runbook runbooks coverage}). It is metadata for people and
 * the build: a run never reads it.
 *
 * <pre>
 * source: INDEX.md
 * coverage:
 *   section: Daily morning check                 # the heading (or Quick Start group) it implements
 *   implements:
 *     "1. Review overnight alerts": [incidents, incidents gate]     # item: the steps that do it
 *   notChecked:
 *     "5. Verify access to all systems": a person's accounts ...   # item: why not
 * </pre>
 *
 * @param section the heading of the source the document implements, as the page writes it; empty
 *     when the document claims single items only ({@code implements}), not a whole section
 * @param implementedBy each runbook item the document claims, with the ids of the steps that do it
 * @param notChecked each runbook item of the section the document deliberately leaves, with why
 */
public record DocumentCoverage(String section, Map<String, List<String>> implementedBy, Map<String, String> notChecked) {

  public DocumentCoverage {
    section = section == null ? "" : section;
    // In the document's order, so messages and tables read as the file does.
    implementedBy = Collections.unmodifiableMap(new LinkedHashMap<>(implementedBy));
    notChecked = Collections.unmodifiableMap(new LinkedHashMap<>(notChecked));
  }

  /** The coverage block of a document the schema accepted, if it has one. */
  public static Optional<DocumentCoverage> of(String documentText) {
    return of(DocumentTree.parse(documentText).root);
  }

  static Optional<DocumentCoverage> of(JsonNode root) {
    JsonNode coverage = root == null ? null : root.get("coverage");
    if (coverage == null || !coverage.isObject()) {
      return Optional.empty();
    }
    Map<String, List<String>> implementedBy = new LinkedHashMap<>();
    JsonNode claims = coverage.get("implements");
    if (claims != null && claims.isObject()) {
      claims.properties().forEach(e -> implementedBy.put(e.getKey(),
          e.getValue().valueStream().map(JsonNode::asString).toList()));
    }
    Map<String, String> notChecked = new LinkedHashMap<>();
    JsonNode excuses = coverage.get("notChecked");
    if (excuses != null && excuses.isObject()) {
      excuses.properties().forEach(e -> notChecked.put(e.getKey(), e.getValue().asString()));
    }
    JsonNode section = coverage.get("section");
    return Optional.of(new DocumentCoverage(section == null ? "" : section.asString(), implementedBy, notChecked));
  }
}
