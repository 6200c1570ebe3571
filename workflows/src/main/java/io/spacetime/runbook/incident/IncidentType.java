package io.spacetime.runbook.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.spacetime.runbook.core.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The Incident Response Runbook's seven "Common Incidents", by the names inputs and alerts use. */
public enum IncidentType {
  API_UNRESPONSIVE("api-unresponsive", "Incident 1: API Completely Unresponsive"),
  HIGH_ERROR_RATE("high-error-rate", "Incident 2: High Error Rate"),
  SLOW_RESPONSE("slow-response", "Incident 3: Slow Response Times"),
  AUTH_FAILURES("auth-failures", "Incident 4: Authentication Failures"),
  SCENE_LOAD_FAILURES("scene-load-failures", "Incident 5: Scene Loading Failures"),
  MEMORY_LEAK("memory-leak", "Incident 6: Memory Leak"),
  DISK_SPACE("disk-space", "Incident 7: Disk Space Exhaustion");

  private final String jsonName;
  private final String runbookTitle;

  IncidentType(String jsonName, String runbookTitle) {
    this.jsonName = jsonName;
    this.runbookTitle = runbookTitle;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The runbook's heading for this incident, so a responder finds the page. */
  public String runbookTitle() {
    return runbookTitle;
  }

  /** The type called {@code name}; the message names the seven otherwise. */
  @JsonCreator
  public static IncidentType fromName(String name) {
    return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst()
        .orElseThrow(() -> new InvalidInputException("type \"" + name + "\" is not an incident type of the runbook; use one of: " + names()));
  }

  /** True when {@code name} is one of the seven. */
  public static boolean isKnown(String name) {
    return Arrays.stream(values()).anyMatch(t -> t.jsonName.equals(name));
  }

  public static String names() {
    return Arrays.stream(values()).map(IncidentType::jsonName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
