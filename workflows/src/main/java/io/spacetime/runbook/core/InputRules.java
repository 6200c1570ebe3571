package io.spacetime.runbook.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Allow-lists for the values people type into a workflow input. Anything outside them is
 * rejected before any side effect, with a message saying what is accepted. Commands are still
 * built from quoted arguments: validation is the first fence, quoting the second.
 */
public final class InputRules {

  /** {@code production}, {@code staging-eu}: lower case, digits, dashes. */
  public static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  /** {@code v2.5.0}, {@code 2.5.0}, {@code v2.5.1-rc.1}: a release version, nothing a shell would read. */
  public static final Pattern VERSION = Pattern.compile("v?[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,6}(-[0-9A-Za-z][0-9A-Za-z.]{0,39})?");
  /** A person's name or handle as given to {@code approve --by}. */
  public static final Pattern PERSON = Pattern.compile("[\\p{L}0-9 .@_'-]{1,80}");

  /** A DNS name or an IPv4/IPv6 address, as an environment file names a server. */
  public static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");
  /** {@code host:port}, an IPv6 address in brackets: {@code prometheus.internal:9090}, {@code [::1]:53}. */
  public static final Pattern ENDPOINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.-]{0,252}):[0-9]{1,5}");
  /** A path inside a release: segments of safe characters, not absolute, no {@code ..}. */
  public static final Pattern RELATIVE_PATH = Pattern.compile("(?!/)(?!.*(^|/)\\.\\.(/|$))[A-Za-z0-9._+/-]{1,200}");

  public static final int MAX_REASON_LENGTH = 500;

  private final List<String> problems = new ArrayList<>();

  public static InputRules check() {
    return new InputRules();
  }

  public InputRules environment(String field, String value) {
    return matches(field, value, ENVIRONMENT,
        "an environment name: lower-case letters, digits and dashes, starting with a letter (e.g. \"production\")");
  }

  public InputRules version(String field, String value) {
    return matches(field, value, VERSION, "a release version like \"v2.5.0\" or \"v2.5.1-rc.1\"");
  }

  public InputRules optionalVersion(String field, String value) {
    return value == null || value.isEmpty() ? this : version(field, value);
  }

  public InputRules person(String field, String value) {
    return matches(field, value, PERSON, "a name or handle (letters, digits, spaces, . @ _ ' -; at most 80)");
  }

  public InputRules text(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(field + " is required");
      }
    } else if (value.length() > MAX_REASON_LENGTH) {
      problems.add(field + " is " + value.length() + " characters long; at most " + MAX_REASON_LENGTH + " are accepted");
    } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
      problems.add(field + " contains control characters");
    }
    return this;
  }

  public InputRules require(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
    return this;
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws {@link InvalidInputException} listing every problem found, if any. */
  public void orThrow(String what) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(what + " is invalid: " + String.join("; ", problems));
    }
  }

  private InputRules matches(String field, String value, Pattern pattern, String expected) {
    if (value == null || value.isEmpty()) {
      problems.add(field + " is required (" + expected + ")");
    } else if (!pattern.matcher(value).matches()) {
      problems.add(field + " \"" + printable(value) + "\" is not " + expected);
    }
    return this;
  }

  /** {@code value} as an error message may quote it: bounded, control characters replaced. */
  public static String printable(String value) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
