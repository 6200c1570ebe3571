package io.spacetime.runbook.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The argument of an {@code abort} signal, read from whatever was sent: the CLI sends the reason as
 * a JSON string, a person in the Web UI's Send a Signal form may type {@code {"reason":"..."}} or
 * anything else. Every one of them is read (anything else is recorded as the reason, as typed), so
 * an abort is never dropped for its shape: the SDK drops a signal whose payload cannot be decoded.
 * Written as a JSON string, the shape recorded histories hold.
 */
public record AbortReason(String text) {

  public AbortReason {
    text = text == null ? "" : text;
  }

  /** The reason as a run records it: stripped, "no reason given" when blank, at most {@link InputRules#MAX_REASON_LENGTH}. */
  public static String given(AbortReason reason) {
    String given = reason == null || reason.text().isBlank() ? "no reason given" : reason.text().strip();
    return given.length() > InputRules.MAX_REASON_LENGTH ? given.substring(0, InputRules.MAX_REASON_LENGTH) : given;
  }

  public static AbortReason of(String text) {
    return new AbortReason(text);
  }

  /** A JSON string, an object's {@code reason} field, or the JSON text of anything else. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AbortReason from(JsonNode sent) {
    if (sent == null || sent.isNull() || sent.isMissingNode()) {
      return new AbortReason("");
    }
    if (sent.isTextual()) {
      return new AbortReason(sent.textValue());
    }
    JsonNode reason = sent.get("reason");
    if (sent.isObject() && reason != null && reason.isTextual()) {
      return new AbortReason(reason.textValue());
    }
    return new AbortReason(sent.toString());
  }

  @JsonValue
  @Override
  public String text() {
    return text;
  }
}
