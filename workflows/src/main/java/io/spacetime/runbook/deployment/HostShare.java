package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.InputRules;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of hosts as a person types it: {@code "5"}, or a share of the fleet {@code "25%"}. One
 * parser for the CLI, the JSON input, the environment file and the workflow.
 *
 * @param amount hosts, or percent when {@code percent}
 */
public record HostShare(int amount, boolean percent) {

  /** What is accepted, for help texts and error messages. */
  public static final String ACCEPTED = "a number of hosts like \"2\" or a share of the fleet like \"25%\"";

  private static final Pattern FORM = Pattern.compile("([0-9]{1,4})(%?)");

  /**
   * Why {@code text} is not a host share, with {@code min} the least count accepted
   * ({@code "\"x\" is not ..."}, for the caller to prefix with the field); empty when it is one.
   */
  public static Optional<String> problem(String text, int min) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.of("\"" + InputRules.printable(text == null ? "" : text) + "\" is not " + ACCEPTED);
    }
    int amount = Integer.parseInt(m.group(1));
    boolean percent = !m.group(2).isEmpty();
    if (percent && amount > 100) {
      return Optional.of("\"" + text + "\" is more than 100%");
    }
    if (amount < min) {
      return Optional.of("\"" + text + "\" is less than " + min);
    }
    return Optional.empty();
  }

  /** Call only with a text {@link #problem} accepted. */
  public static HostShare parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(ACCEPTED + ", not \"" + InputRules.printable(text) + "\"");
    }
    return new HostShare(Integer.parseInt(m.group(1)), !m.group(2).isEmpty());
  }

  /** Hosts out of {@code fleet}, a share rounded up (a batch of "10%" of 6 hosts is 1 host, not 0). */
  int roundedUp(int fleet) {
    return percent ? (amount * fleet + 99) / 100 : amount;
  }

  /** Hosts out of {@code fleet}, a share rounded down (a budget of "10%" failures of 6 hosts is 0). */
  int roundedDown(int fleet) {
    return percent ? amount * fleet / 100 : amount;
  }

  @Override
  public String toString() {
    return amount + (percent ? "%" : "");
  }
}
