package io.spacetime.runbook.document;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameters in the text of {@code notify} and {@code http} steps (never in shell commands: those
 * are quoted by the host activity). In a URL each value is percent-encoded, so it stays one path
 * segment or query value whatever it holds.
 */
final class TextTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private TextTemplate() {}

  /** Notice text: values as they are. Unknown placeholders stay as written. */
  static String text(String template, Map<String, String> values) {
    return replace(template, values, false);
  }

  /** A URL: parameter values percent-encoded; {@code raw} values ({@code {apiUrl}}) inserted as they are. */
  static String url(String template, Map<String, String> values, Map<String, String> raw) {
    String withRaw = replace(template, raw, false);
    return replace(withRaw, values, true);
  }

  private static String replace(String template, Map<String, String> values, boolean encode) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      String replacement = value == null ? m.group() : encode ? percentEncoded(value) : value;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** RFC 3986: everything but the unreserved characters as %XX of its UTF-8 bytes. */
  static String percentEncoded(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
