package io.spacetime.runbook.document;

import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run's parameter values against its document: every value matches its parameter's allow-list
 * (a string's pattern, an integer's range, a boolean's {@code true}/{@code false}), every required
 * parameter is given, no unknown one is. Workflow code (a regular expression is deterministic).
 */
public final class ParameterValues {

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

  private ParameterValues() {}

  /** The values the run uses (defaults filled in), or {@link InvalidInputException} naming every problem. */
  public static Map<String, String> resolve(RunbookDocument document, Map<String, String> given) {
    InputRules rules = InputRules.check();
    Map<String, String> values = new LinkedHashMap<>();
    given.keySet().stream().filter(name -> !document.parameters().containsKey(name)).forEach(name ->
        rules.require(false, "parameters." + name + " is not a parameter of " + document.name() + " (it takes: "
            + (document.parameters().isEmpty() ? "none" : String.join(", ", document.parameters().keySet())) + ")"));
    document.parameters().forEach((name, parameter) -> {
      String value = given.containsKey(name) ? given.get(name) : parameter.defaultValue();
      if (value == null) {
        rules.require(false, "parameters." + name + " is required (" + expected(parameter) + ")");
        return;
      }
      String problem = problem(parameter, value);
      if (problem != null) {
        rules.require(false, "parameters." + name + " \"" + InputRules.printable(value) + "\" " + problem);
      }
      values.put(name, value);
    });
    rules.orThrow("runbook " + document.name() + "'s parameters");
    return values;
  }

  /** Why {@code value} is not accepted for {@code parameter}, or null when it is. */
  public static String problem(DocumentParameter parameter, String value) {
    switch (parameter.type()) {
      case "integer":
        if (!INTEGER.matcher(value).matches()) {
          return "is not " + expected(parameter);
        }
        long n = Long.parseLong(value);
        if (parameter.minimum() != null && n < parameter.minimum() || parameter.maximum() != null && n > parameter.maximum()) {
          return "is not " + expected(parameter);
        }
        return null;
      case "boolean":
        return value.equals("true") || value.equals("false") ? null : "is not " + expected(parameter);
      default:
        return Pattern.compile(parameter.pattern()).matcher(value).matches() ? null : "is not " + expected(parameter);
    }
  }

  public static String expected(DocumentParameter parameter) {
    String described = parameter.description().isEmpty() ? "" : parameter.description() + ": ";
    return described + switch (parameter.type()) {
      case "integer" -> "an integer" + (parameter.minimum() == null ? "" : " >= " + parameter.minimum())
          + (parameter.maximum() == null ? "" : " <= " + parameter.maximum());
      case "boolean" -> "true or false";
      default -> "a value matching " + parameter.pattern();
    };
  }
}
