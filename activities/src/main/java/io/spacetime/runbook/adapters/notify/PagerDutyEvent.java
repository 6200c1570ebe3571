package io.spacetime.runbook.adapters.notify;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.INVALID_INPUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.ports.notify.Page;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@link Page} as a PagerDuty Events API v2 event, checked before it is sent: a page PagerDuty
 * would refuse with a 400 is refused here, with a message naming the field, instead of being lost.
 */
final class PagerDutyEvent {

  static final List<String> ACTIONS = List.of(Page.TRIGGER, Page.ACKNOWLEDGE, Page.RESOLVE);
  static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");
  /** PagerDuty's limits: a longer summary is cut (a page must not fail for its length), a longer key refused. */
  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;

  private PagerDutyEvent() {}

  /**
   * The event's JSON body, of a page {@link #check} passed: a trigger carries the payload; acknowledge and resolve only name the
   * alert ({@code routing_key}, {@code event_action}, {@code dedup_key}), as the API defines them.
   */
  static Map<String, Object> body(String routingKey, Page page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", routingKey);
    body.put("event_action", page.action());
    body.put("dedup_key", page.dedupKey());
    if (Page.TRIGGER.equals(page.action())) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("summary", summary(page));
      payload.put("severity", page.severity());
      payload.put("source", page.source());
      payload.put("custom_details", page.details());
      body.put("payload", payload);
    }
    return body;
  }

  /**
   * The console line of a page, written before anything else (configured or not, valid or not):
   * the one channel that cannot fail.
   */
  static String consoleLine(Page page) {
    String summary = page.summary() == null || page.summary().isBlank() ? "" : ": " + summary(page);
    return Page.TRIGGER.equals(page.action())
        ? "page trigger (" + page.severity() + ")" + summary + " [dedup key " + page.dedupKey() + ", source "
            + page.source() + "]"
        : "page " + page.action() + summary + " [dedup key " + page.dedupKey() + "]";
  }

  /**
   * PagerDuty's reason in an error answer ({@code {"status":..,"message":..,"errors":[..]}}): its
   * message and errors, or the body's start when it is not that JSON (a proxy's page).
   */
  static String reason(String body, ObjectMapper json) {
    try {
      JsonNode answer = json.readTree(body);
      if (answer != null && answer.hasNonNull("message")) {
        StringJoiner errors = new StringJoiner("; ", " (", ")").setEmptyValue("");
        answer.path("errors").forEach(error -> errors.add(error.asText()));
        return answer.get("message").asText() + errors;
      }
    } catch (IOException notJson) {
      // Fall through to the raw text.
    }
    String text = body.strip();
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static String summary(Page page) {
    String summary = page.who().isBlank() ? page.summary() : page.summary() + " (paging " + page.who() + ")";
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 3) + "...";
  }

  /** Refuses (non-retryable, {@code InvalidInput}) a page PagerDuty would refuse. */
  static void check(Page page) {
    if (!ACTIONS.contains(page.action())) {
      throw invalid("action '" + page.action() + "' is not one of " + String.join(", ", ACTIONS));
    }
    if (page.dedupKey() == null || page.dedupKey().isBlank() || page.dedupKey().length() > MAX_DEDUP_KEY) {
      throw invalid("dedupKey must be 1 to " + MAX_DEDUP_KEY + " characters (the incident's workflow id)");
    }
    if (Page.TRIGGER.equals(page.action())) {
      if (!SEVERITIES.contains(page.severity())) {
        throw invalid("severity '" + page.severity() + "' is not one of " + String.join(", ", SEVERITIES));
      }
      if (page.summary() == null || page.summary().isBlank() || page.source() == null || page.source().isBlank()) {
        throw invalid("a trigger needs a summary and a source");
      }
    }
  }

  private static RuntimeException invalid(String what) {
    return nonRetryable(INVALID_INPUT, "page for PagerDuty is invalid: " + what + "; nothing was sent");
  }
}
