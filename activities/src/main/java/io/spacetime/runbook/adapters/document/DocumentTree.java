package io.spacetime.runbook.adapters.document;

import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A document's YAML as the schema validator reads it (Jackson 3, the validator's own), with each
 * node's line, so every problem can say where it is.
 */
final class DocumentTree {

  private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_]+)|\\[([0-9]+)]");

  final JsonNode root;

  private DocumentTree(JsonNode root) {
    this.root = root;
  }

  /** The tree, or an {@link IllegalArgumentException} with the parser's message (its line included). */
  static DocumentTree parse(String text) {
    return new DocumentTree(JsonNodes.readTree(YAML, text, LocationJsonNodeFactoryFactory.getInstance()));
  }

  /** The line of the node at {@code field} ({@code steps[2].run.command}), or of its nearest parent that exists. */
  int lineOf(String field) {
    JsonNode node = root;
    int line = line(root);
    Matcher m = SEGMENT.matcher(field);
    while (m.find() && node != null) {
      node = m.group(1) != null ? node.get(m.group(1)) : node.get(Integer.parseInt(m.group(2)));
      if (node != null && line(node) > 0) {
        line = line(node);
      }
    }
    return line;
  }

  static int line(JsonNode node) {
    TokenStreamLocation location = node == null ? null : JsonNodes.tokenStreamLocationOf(node);
    return location == null ? 0 : location.getLineNr();
  }
}
