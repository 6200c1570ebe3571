package io.spacetime.runbook.starter.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly, so a typo is answered rather than guessed at: malformed JSON,
 * trailing garbage, duplicate keys, nesting deeper than {@value #MAX_DEPTH}, unknown fields and
 * wrong types (no "5" for a number, no 5 for a string) are each a 400 naming the field. Values are
 * then checked by the record's own {@code validate()}; its failures are 422 with the field named.
 */
final class JsonBodies {

  /** The deepest an accepted body nests (Alertmanager's is 4: root, alerts, an alert, its labels). */
  static final int MAX_DEPTH = 16;

  static final ObjectMapper STRICT = mapper(true);
  /** For Alertmanager's payload only: fields a later Alertmanager adds are reported, not refused. */
  static final ObjectMapper TOLERANT = mapper(false);

  private JsonBodies() {}

  private static ObjectMapper mapper(boolean failOnUnknown) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(40).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    JsonMapper mapper = JsonMapper.builder(factory)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // No 5 for a string and no "true" for a boolean: a wrong type is the sender's bug, answered now.
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }

  /** The body as a JSON tree: 400 when it is not one JSON object within the limits. */
  static JsonNode tree(byte[] body) {
    if (body.length == 0) {
      throw ApiError.badRequest("the request body is empty; send one JSON object", "");
    }
    JsonNode node;
    try {
      node = STRICT.readTree(body);
    } catch (StreamConstraintsException e) {
      throw ApiError.badRequest("the JSON nests deeper than " + MAX_DEPTH + " levels or holds an oversized number;"
          + " refused: " + e.getOriginalMessage(), "");
    } catch (JsonParseException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")", "");
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage(), path(e));
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read: " + e.getMessage(), "");
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest("the body must be one JSON object, got " + kind(node), "");
    }
    return node;
  }

  /** {@code body} read into {@code type} strictly; 400 naming the field when it does not fit. */
  static <T> T read(byte[] body, Class<T> type) {
    return read(tree(body), type, STRICT);
  }

  static <T> T read(JsonNode tree, Class<T> type, ObjectMapper mapper) {
    try {
      return mapper.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String accepted = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw ApiError.badRequest("unknown field '" + path(e) + "'; accepted fields: " + accepted, path(e));
    } catch (MismatchedInputException e) {
      String expected = e.getTargetType() == null ? "another type" : expectation(e.getTargetType());
      throw ApiError.badRequest("field '" + path(e) + "' is not " + expected, path(e));
    } catch (JsonMappingException e) {
      throw ApiError.badRequest("field '" + path(e) + "': " + e.getOriginalMessage(), path(e));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage(), "");
    }
  }

  /** Reads at most {@code limit} bytes; more is a 413, without reading the rest. */
  static byte[] readLimited(InputStream in, long limit) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (body.length > limit) {
      throw tooLarge(limit);
    }
    return body;
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "the request body is larger than " + limit + " bytes, the intake's limit"
        + " (--max-body-bytes)", "");
  }

  /**
   * A record's own validation failure as a 422 naming the field: the first problem's leading
   * word when it is one of the record's fields ("summary is required" -> {@code summary}).
   */
  static ApiError invalid(InvalidInputException e, Class<?> record, String prefix) {
    return ApiError.unprocessable(e.getMessage(), prefix + fieldOf(e.getMessage(), record));
  }

  static String fieldOf(String message, Class<?> record) {
    String first = message.contains(" is invalid: ") ? message.substring(message.indexOf(" is invalid: ") + 13) : message;
    String token = first.split("[ :;]", 2)[0];
    List<String> fields = record.isRecord()
        ? Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList() : List.of();
    for (String field : fields) {
      if (token.equals(field) || token.startsWith(field + ".") || token.startsWith(field + "[")) {
        return token;
      }
    }
    return "";
  }

  private static String path(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference step : mapping.getPath()) {
      if (step.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        out.append('[').append(step.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String expectation(Class<?> type) {
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list [...]";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object of strings";
    }
    return "a JSON object";
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isArray()) {
      return "an array";
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " ("
        + InputRules.printable(node.toString()) + ")";
  }
}
