package io.spacetime.runbook.adapters.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell command line for a remote host, and the only way adapters build one. Values are always
 * inserted quoted ({@link ShellQuote}); shell syntax comes only from constant templates in our code
 * or from the operator's environment file.
 *
 * <ul>
 *   <li>{@link #of}: a program and its arguments, each quoted.
 *   <li>{@link #template}: a constant script of ours with {@code {name}} placeholders, each replaced
 *       by a quoted value; a placeholder without a value is a programming error.
 *   <li>{@link #configured}: an operator's command from the environment file, run as written, with
 *       only the known placeholders ({@code {deployRoot}}, {@code {host}}, {@code {serviceAddress}})
 *       replaced by quoted values; other braces ({@code awk '{print $1}'}) stay as they are.
 * </ul>
 */
public final class ShellCommand {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final String text;

  private ShellCommand(String text) {
    this.text = text;
  }

  public static ShellCommand of(String program, String... arguments) {
    List<String> words = new ArrayList<>();
    words.add(program);
    words.addAll(List.of(arguments));
    return of(words);
  }

  public static ShellCommand of(List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a command needs a program");
    }
    return new ShellCommand(String.join(" ", words.stream().map(ShellQuote::quote).toList()));
  }

  /** One of our scripts: every {@code {name}} must have a value, which is inserted quoted. */
  public static ShellCommand template(String script, Map<String, String> values) {
    return new ShellCommand(substitute(script, values, true));
  }

  /**
   * An operator's command: the known placeholders are replaced by quoted values, nothing else
   * changes. A placeholder is a whole shell word ({@code ls {deployRoot}/logs}), never written
   * inside quotes by the operator: the value brings its own.
   */
  public static ShellCommand configured(String command, Map<String, String> placeholders) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("a configured command is empty");
    }
    return new ShellCommand(substitute(command, placeholders, false));
  }

  /** {@code this && next}. */
  public ShellCommand and(ShellCommand next) {
    return new ShellCommand(text + " && " + next.text);
  }

  /** {@code ( this )}: a subshell, so an operator's {@code exit} or {@code cd} stays inside it. */
  public ShellCommand subshell() {
    return new ShellCommand("( " + text + "\n)");
  }

  /** {@code cd dir && this}. */
  public ShellCommand inDirectory(String directory) {
    return of("cd", directory).and(this);
  }

  /**
   * Frames this command's output as a named section so several reads share one round trip; see
   * {@link Sections}. The section records this command's exit status.
   */
  public ShellCommand asSection(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("section names are lower-case words: " + name);
    }
    return new ShellCommand(
        "echo " + Sections.BEGIN + name + "\n" + text + "\nr=$?; echo; echo " + Sections.END + name + ":$r");
  }

  /** {@code if condition; then body; fi}. */
  public static ShellCommand ifThen(ShellCommand condition, ShellCommand body) {
    return new ShellCommand("if " + condition.text + "; then\n" + body.text + "\nfi");
  }

  /** Sections run one after another: {@code a; b; c}. */
  public static ShellCommand sequence(List<ShellCommand> commands) {
    return new ShellCommand(String.join("\n", commands.stream().map(c -> c.text).toList()));
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShellCommand other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static String substitute(String script, Map<String, String> values, boolean strict) {
    Matcher m = PLACEHOLDER.matcher(script);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = values.get(name);
      if (value == null && strict) {
        throw new IllegalArgumentException("no value for {" + name + "} in: " + script);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : ShellQuote.quote(value)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
