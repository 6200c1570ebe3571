package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One parameter a document takes. Its value only ever reaches a host command as one quoted shell
 * word (or a URL as one encoded component), and only after it matched its allow-list.
 *
 * @param type {@code string}, {@code integer} or {@code boolean}
 * @param pattern a string's allow-list, matched against the whole value (required for strings)
 * @param defaultValue the value when the run names none; without one the parameter is required
 */
public record DocumentParameter(
    String type, String pattern, String description, @JsonProperty("default") String defaultValue, Long minimum,
    Long maximum) {

  public DocumentParameter {
    type = type == null ? "string" : type;
    description = description == null ? "" : description;
  }

  public boolean required() {
    return defaultValue == null;
  }
}
