package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A condition the running service holds in its memory, so that it ends with the process: the
 * runbook's "restart service" fix really fixes it. Serialised by its command-line name
 * ({@code "memory-growth"}). Every one of them applies to the API endpoints only, never to
 * {@code GET /metrics}: monitoring must go on seeing the service while it misbehaves.
 */
public enum RuntimeCondition {
  /** A share of the API's responses answer 500 and log an ERROR line: runbook Incident 2. */
  ERRORS("errors"),
  /** Every API response is delayed: runbook Incident 3. */
  SLOW("slow"),
  /** Every API request answers 401 and logs "authentication failed": runbook Incident 4. */
  AUTH("auth"),
  /** The process's resident memory grows at a steady rate, up to a cap: runbook Incident 6. */
  MEMORY_GROWTH("memory-growth");

  private final String jsonName;

  RuntimeCondition(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  @JsonCreator
  public static RuntimeCondition fromName(String name) {
    return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown runtime condition '" + name + "'"));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
