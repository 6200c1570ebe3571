package io.spacetime.runbook.adapters.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a document's shell command, each with whether it stands inside quotes. The
 * host activity replaces a placeholder by one quoted word ({@code ShellCommand}); written inside the
 * author's own quotes that word would be spliced into theirs ({@code echo '{reason}'} becomes
 * {@code echo ''it'\''s''}), so the rules refuse it there.
 */
final class CommandTemplate {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  /** One {@code {name}} of the command. */
  record Placeholder(String name, boolean quoted) {}

  private CommandTemplate() {}

  static List<Placeholder> placeholders(String command) {
    List<Placeholder> found = new ArrayList<>();
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else if (c == '{') {
          add(found, command, i, true);
        }
        continue;
      }
      if (c == '\\') {
        i++;
      } else if (c == '\'' && quote == 0) {
        quote = '\'';
      } else if (c == '"') {
        quote = quote == '"' ? 0 : '"';
      } else if (c == '{') {
        add(found, command, i, quote == '"');
      }
    }
    return found;
  }

  private static void add(List<Placeholder> found, String command, int at, boolean quoted) {
    Matcher m = PLACEHOLDER.matcher(command).region(at, command.length());
    if (m.lookingAt()) {
      found.add(new Placeholder(m.group(1), quoted));
    }
  }
}
