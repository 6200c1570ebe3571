package io.spacetime.runbook.sandbox;

/** Single-quote style shell quoting: every path the sandbox puts into a shell command goes through it. */
final class ShellQuote {

  private ShellQuote() {}

  /** {@code it's} becomes {@code 'it'\''s'}: safe as one word for sh and bash. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
