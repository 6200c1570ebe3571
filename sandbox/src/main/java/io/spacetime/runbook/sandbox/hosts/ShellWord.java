package io.spacetime.runbook.sandbox.hosts;

/**
 * POSIX shell quoting for the few words the sandbox writes into scripts and sshd_config: always in
 * single quotes, each embedded {@code '} written as {@code '\''}, so the shell hands the word over
 * verbatim. The engine has its own quoting; the sandbox must not share it, because the sandbox is
 * the fixture that tests the engine's quoting: a bug shared by both would pass unseen.
 */
final class ShellWord {

  private ShellWord() {}

  static String quote(String word) {
    if (word.indexOf('\0') >= 0) {
      // No shell can pass a NUL byte in an argument; refusing is the only safe answer.
      throw new IllegalArgumentException("a shell word cannot contain a NUL byte");
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
