package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.WorkflowInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starts a runbook document: {@code {"runbook":"daily-health-check","environment":"production",
 * "parameters":{"threshold":"90"}}}. The values are checked here for shape only; the document's own
 * allow-lists judge them once it is loaded ({@link ParameterValues}).
 */
@JsonClassDescription("{\"runbook\":\"daily-health-check\",\"environment\":\"production\",\"parameters\":{}}")
public record RunbookRequest(String runbook, String environment, Map<String, String> parameters) implements WorkflowInput {

  /** A document's name, as its file is named: {@code runbooks/<name>.yaml}. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  /** A parameter's name: a placeholder {@code {name}} in a template. */
  public static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");

  public RunbookRequest {
    parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  @Override
  public void validate() {
    InputRules rules = InputRules.check();
    if (runbook == null || runbook.isEmpty()) {
      rules.require(false, "runbook is required (a document name like \"daily-health-check\", runbooks/<name>.yaml)");
    } else if (!NAME.matcher(runbook).matches()) {
      rules.require(false, "runbook \"" + InputRules.printable(runbook) + "\" is not a document name (lower-case"
          + " letters, digits and dashes, starting with a letter, e.g. \"daily-health-check\")");
    }
    rules.environment("environment", environment);
    parameters.forEach((name, value) -> {
      if (!PARAMETER.matcher(name).matches()) {
        rules.require(false, "parameters: \"" + InputRules.printable(name) + "\" is not a parameter name (a letter,"
            + " then letters and digits)");
      } else if (value == null) {
        rules.require(false, "parameters." + name + " has no value");
      } else {
        rules.text("parameters." + name, value, false);
      }
    });
    rules.orThrow("runbook request");
  }
}
