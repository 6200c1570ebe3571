package io.spacetime.runbook.adapters.ssh;

import java.util.regex.Pattern;

/**
 * POSIX shell quoting. A word made only of characters no POSIX shell treats specially (letters,
 * digits and {@code _ . / : @ % + , -}) is left bare so the report reads like the runbook
 * ({@code tar -czf /opt/spacetime/backups/...}); every other word is single-quoted, with each
 * embedded {@code '} written as {@code '\''}. Inside single quotes nothing is special, so the shell
 * hands the word to the program verbatim: no expansion, no word splitting, no globbing.
 */
public final class ShellQuote {

  // '=' is deliberately absent: a bare first word "a=b" is an assignment, not a command.
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:@%+,-]+");

  private ShellQuote() {}

  public static String quote(String word) {
    if (word == null) {
      throw new IllegalArgumentException("cannot quote a null shell word");
    }
    if (word.indexOf('\0') >= 0) {
      // No shell can pass a NUL byte in an argument; refusing is the only safe answer.
      throw new IllegalArgumentException("a shell word cannot contain a NUL byte");
    }
    if (BARE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
