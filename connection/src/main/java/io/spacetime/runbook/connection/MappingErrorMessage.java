package io.spacetime.runbook.connection;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Why a JSON payload does not fit the type it is read into, in one line a person can act on: the
 * field (as a path), what was given, what is accepted, and for an unknown field the closest known
 * one. For example {@code deployment request is invalid: unknown field 'dryrun'; did you mean
 * 'dryRun'? accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, ...}.
 *
 * <p>A type annotated {@link JsonClassDescription} has its description shown as the example of a
 * whole input ({@code the input must be one JSON object like {...}, got an array}).
 */
final class MappingErrorMessage {

  private static final int MAX_SHOWN = 60;
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();
  private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
      Short.class, short.class, Byte.class, byte.class, BigInteger.class);
  private static final Set<Class<?>> NUMBERS = Set.of(Double.class, double.class, Float.class, float.class,
      BigDecimal.class, Number.class);

  private MappingErrorMessage() {}

  /**
   * @param target the type the payload was read into
   * @param given the payload as a JSON tree (null when it is not JSON at all)
   */
  static String of(Class<?> target, JsonNode given, JsonMappingException e) {
    String problem = problem(target, given, e);
    return isOurs(target) ? subject(target) + " is invalid: " + problem : problem;
  }

  private static String problem(Class<?> target, JsonNode given, JsonMappingException e) {
    List<Reference> path = e.getPath();
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> accepted = acceptedFields(unknown.getReferringClass(), unknown.getKnownPropertyIds());
      String suggestion = suggestion(unknown.getPropertyName(), accepted);
      return "unknown field '" + pathOf(path) + "'" + (suggestion.isEmpty() ? ";" : "; did you mean '" + suggestion + "'?")
          + " accepted fields: " + String.join(", ", accepted);
    }
    if (e instanceof MismatchedInputException mismatch) {
      Class<?> expected = mismatch.getTargetType() == null ? target : mismatch.getTargetType();
      JsonNode node = nodeAt(given, path);
      if (path.isEmpty()) {
        return "the input must be " + expectation(expected) + ", got " + kind(node);
      }
      String shown = node != null ? shown(node)
          : e instanceof InvalidFormatException format ? String.valueOf(format.getValue()) : "the value";
      return "field '" + pathOf(path) + "': " + shown + " is not " + expectation(expected);
    }
    return (path.isEmpty() ? "" : "field '" + pathOf(path) + "': ") + e.getOriginalMessage();
  }

  /** {@code DeploymentRequest} -> "deployment request", as the workflows' own validation names it. */
  static String subject(Class<?> type) {
    return type.getSimpleName().replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
  }

  /** Our own records and classes, as opposed to a JDK type such as String (a signal's argument). */
  private static boolean isOurs(Class<?> type) {
    return !type.isPrimitive() && !type.isArray() && !type.getName().startsWith("java.");
  }

  private static String expectation(Class<?> type) {
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
      return "a string";
    }
    if (WHOLE_NUMBERS.contains(type)) {
      return "a whole number";
    }
    if (NUMBERS.contains(type)) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list [...]";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object";
    }
    JsonClassDescription example = type.getAnnotation(JsonClassDescription.class);
    if (example != null) {
      return "one JSON object like " + example.value();
    }
    if (type.isRecord()) {
      return "one JSON object with the fields " + String.join(", ", components(type));
    }
    return isOurs(type) ? "one JSON object" : "a " + type.getSimpleName();
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isTextual()) {
      return "a string (" + shown(node) + ")";
    }
    if (node.isNumber()) {
      return "a number (" + shown(node) + ")";
    }
    return shown(node);
  }

  private static String shown(JsonNode node) {
    String text = node.toString();
    String cut = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static JsonNode nodeAt(JsonNode root, List<Reference> path) {
    JsonNode node = root;
    for (Reference step : path) {
      if (node == null) {
        return null;
      }
      node = step.getFieldName() != null ? node.get(step.getFieldName()) : node.get(step.getIndex());
    }
    return node;
  }

  /** {@code hosts[0].name}: the field's place in the input. */
  private static String pathOf(List<Reference> path) {
    StringBuilder out = new StringBuilder();
    for (Reference step : path) {
      if (step.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        out.append('[').append(step.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** In declaration order for a record (the order its Javadoc and README list them), else alphabetical. */
  private static List<String> acceptedFields(Class<?> type, Collection<Object> known) {
    List<String> names = known.stream().map(String::valueOf).collect(Collectors.toCollection(ArrayList::new));
    List<String> order = type != null && type.isRecord() ? components(type) : List.of();
    names.sort(Comparator.comparingInt((String n) -> order.contains(n) ? order.indexOf(n) : order.size())
        .thenComparing(Comparator.naturalOrder()));
    return names;
  }

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList();
  }

  /** The known field closest to what was typed when it is close enough to be a typo (case counts as no difference), else empty. */
  private static String suggestion(String typed, List<String> accepted) {
    String lower = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : accepted) {
      int d = DISTANCE.apply(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? best : "";
  }
}
