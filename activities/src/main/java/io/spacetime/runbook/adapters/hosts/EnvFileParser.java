package io.spacetime.runbook.adapters.hosts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, an optional {@code export}
 * prefix, and values optionally in matching single or double quotes.
 */
public final class EnvFileParser {

  private EnvFileParser() {}

  public static Map<String, String> parse(String content) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String raw : content.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(key, value);
    }
    return values;
  }
}
