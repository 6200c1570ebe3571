package io.spacetime.runbook.sandbox.releases;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Allow-lists for the names the sandbox builds paths from: release versions (a release lives in
 * {@code production-<version>/}) and environment names (the environment file is {@code <name>.yaml}).
 * A value outside them is refused before any file is written, with a message saying what is
 * accepted. The sandbox keeps its own rules rather than the engine's input rules: it is the fixture
 * the engine is tested against and depends on nothing of it.
 */
public final class NameRules {

  /** {@code v2.5.0}, {@code 2.5.0}, {@code v2.5.1-rc.1}: nothing a shell or a path reads specially. */
  private static final Pattern VERSION =
      Pattern.compile("v?[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,6}(-[0-9A-Za-z][0-9A-Za-z.]{0,39})?");
  /** {@code sandbox}, {@code staging-eu}: lower case, digits, dashes. */
  private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private NameRules() {}

  /** What is wrong with {@code value} as the release version in {@code field}; empty when it is one. */
  public static Optional<String> versionProblem(String field, String value) {
    return problem(field, value, VERSION, "a release version like \"v2.5.0\" or \"v2.5.1-rc.1\"");
  }

  /** What is wrong with {@code value} as the environment name in {@code field}; empty when it is one. */
  public static Optional<String> environmentProblem(String field, String value) {
    return problem(field, value, ENVIRONMENT,
        "an environment name: lower-case letters, digits and dashes, starting with a letter (e.g. \"production\")");
  }

  private static Optional<String> problem(String field, String value, Pattern pattern, String expected) {
    if (value == null || value.isEmpty()) {
      return Optional.of(field + " is required (" + expected + ")");
    }
    if (!pattern.matcher(value).matches()) {
      return Optional.of(field + " \"" + printable(value) + "\" is not " + expected);
    }
    return Optional.empty();
  }

  /** Short and free of control characters, so a hostile value cannot garble the message. */
  private static String printable(String value) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
