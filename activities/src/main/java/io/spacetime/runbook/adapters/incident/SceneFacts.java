package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.core.InputRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Incident 5 "Verify Scene Files" reads of one file of the served release, without {@code file}
 * (absent on many hosts): whether it exists and is a regular file, its mode, whether the deploy user
 * can read it, its size and its size without NUL bytes (text has none), and the {@code res://} paths
 * of its {@code [ext_resource]} lines.
 *
 * @param mode octal permission bits as {@code stat -c %a} prints them, empty when not read
 * @param size bytes, -1 when not read
 * @param nonNul bytes other than NUL, -1 when not read
 * @param refs release-relative paths of the file's {@code ext_resource}s that are safe paths inside the release
 * @param unsafeRefs {@code res://} paths that leave the release or are not plain paths: never read
 */
record SceneFacts(String path, boolean exists, boolean regular, String mode, boolean userCanRead, long size,
    long nonNul, List<String> refs, List<String> unsafeRefs) {

  /** At most this many references of one file are read. */
  static final int MAX_REFS = 500;

  private static final Pattern REF = Pattern.compile("path=\"res://([^\"]*)\"");

  /** One section's script: lines {@code absent}, {@code notfile}, {@code mode N}, {@code unreadable}, {@code size N}, ... */
  private static final String READ = """
      if ! test -e {file}; then echo absent
      elif ! test -f {file}; then echo notfile
      else
        echo "mode $(stat -c %a {file})"
        if test -r {file}; then
          echo "size $(wc -c < {file})"
          echo "nonnul $(tr -d '\\000' < {file} | wc -c)"
          grep -a '^\\[ext_resource' {file} | grep -o 'path="res://[^"]*"' | head -n {maxRefs}
        else
          echo unreadable
        fi
      fi""";

  static ShellCommand command(String file) {
    return ShellCommand.template(READ, Map.of("file", file, "maxRefs", String.valueOf(MAX_REFS)));
  }

  static SceneFacts parse(String path, String output) {
    boolean exists = true;
    boolean regular = true;
    boolean readable = true;
    String mode = "";
    long size = -1;
    long nonNul = -1;
    List<String> refs = new ArrayList<>();
    List<String> unsafe = new ArrayList<>();
    for (String line : output.split("\n")) {
      String text = line.strip();
      if (text.equals("absent")) {
        exists = false;
      } else if (text.equals("notfile")) {
        regular = false;
      } else if (text.equals("unreadable")) {
        readable = false;
      } else if (text.startsWith("mode ")) {
        mode = text.substring(5).strip();
      } else if (text.startsWith("size ")) {
        size = number(text.substring(5));
      } else if (text.startsWith("nonnul ")) {
        nonNul = number(text.substring(7));
      } else {
        Matcher ref = REF.matcher(text);
        if (ref.matches()) {
          String target = ref.group(1);
          (InputRules.RELATIVE_PATH.matcher(target).matches() ? refs : unsafe).add(target);
        }
      }
    }
    return new SceneFacts(path, exists, exists && regular, mode, exists && regular && readable, size, nonNul,
        refs.stream().distinct().toList(), unsafe.stream().distinct().toList());
  }

  /**
   * The service user may not be able to read it: the worker does not know that user, so a file is
   * unreadable when the deploy user cannot read it or when it is not readable by everyone (the
   * runbook expects {@code rw-r--r--}); a root deploy user reads a mode 000 file, the service does not.
   */
  boolean unreadable() {
    return regular && (!userCanRead || !readableByAll(mode));
  }

  /** Not text: not a regular file, empty, or holding NUL bytes (what {@code file} would call data). */
  boolean notText() {
    if (!exists) {
      return false;
    }
    if (!regular) {
      return true;
    }
    return userCanRead && (size == 0 || (size > 0 && nonNul >= 0 && nonNul != size));
  }

  private static boolean readableByAll(String mode) {
    if (!mode.matches("[0-7]{1,4}")) {
      return false;
    }
    int bits = Integer.parseInt(mode, 8);
    return (bits & 0444) == 0444;
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
