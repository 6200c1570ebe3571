package io.spacetime.runbook.adapters.ssh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The output of a command made of {@link ShellCommand#asSection sections}: several reads (df,
 * meminfo, loadavg, ...) in one SSH round trip, each with its own output and exit status.
 *
 * <p>Framing: {@code <BEGIN>name\n} then the command's output, then {@code \n<END>name:status\n}.
 * The newline before the end marker is ours, so the section text is exactly what the command printed.
 */
public final class Sections {

  static final String BEGIN = "@@runbook:begin:";
  static final String END = "@@runbook:end:";

  /** One section's output and exit status. */
  public record Section(String output, int exitCode) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    public String trimmed() {
      return output.trim();
    }
  }

  private final Map<String, Section> sections;

  private Sections(Map<String, Section> sections) {
    this.sections = sections;
  }

  public static Sections parse(String stdout) {
    Map<String, Section> found = new LinkedHashMap<>();
    int at = 0;
    while (true) {
      int begin = stdout.indexOf(BEGIN, at);
      if (begin < 0) {
        break;
      }
      int nameEnd = stdout.indexOf('\n', begin);
      if (nameEnd < 0) {
        break;
      }
      String name = stdout.substring(begin + BEGIN.length(), nameEnd);
      String endMarker = "\n" + END + name + ":";
      int end = stdout.indexOf(endMarker, nameEnd);
      if (end < 0) {
        break;
      }
      int statusStart = end + endMarker.length();
      int statusEnd = stdout.indexOf('\n', statusStart);
      statusEnd = statusEnd < 0 ? stdout.length() : statusEnd;
      String body = end > nameEnd ? stdout.substring(nameEnd + 1, end) : "";
      int status;
      try {
        status = Integer.parseInt(stdout.substring(statusStart, statusEnd).trim());
      } catch (NumberFormatException e) {
        status = -1;
      }
      found.put(name, new Section(body, status));
      at = statusEnd;
    }
    return new Sections(found);
  }

  public Optional<Section> find(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  public boolean has(String name) {
    return sections.containsKey(name);
  }
}
