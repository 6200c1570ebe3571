package io.spacetime.runbook.adapters.incident;

/** How command output appears in failure messages: one line, bounded. */
final class Text {

  static final int MAX_LINE = 300;

  private Text() {}

  /** The last non-empty line of {@code text}, at most {@link #MAX_LINE} characters; "(no output)" when empty. */
  static String lastLine(String text) {
    String stripped = text == null ? "" : text.strip();
    if (stripped.isEmpty()) {
      return "(no output)";
    }
    String[] lines = stripped.split("\n");
    String last = lines[lines.length - 1];
    return last.length() > MAX_LINE ? last.substring(0, MAX_LINE) + "…" : last;
  }
}
