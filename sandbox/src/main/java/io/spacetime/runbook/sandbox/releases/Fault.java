package io.spacetime.runbook.sandbox.releases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A defect a sandbox release carries, so that every gate of the deployment runbook can be seen
 * failing for a real reason. The stand-in service applies it only where the release's
 * {@link FaultScope} says so. Serialised by its runbook-style name ({@code "never-ready"}).
 */
public enum Fault {
  /** A healthy release. */
  NONE("none"),
  /** Logs an ERROR and exits with status 1 at once: runbook "Service Fails to Start". */
  WONT_START("wont-start"),
  /** The DAP and LSP adapters stay "connecting" (state 1): {@code overall_ready} never becomes true. */
  NEVER_READY("never-ready"),
  /** Every HTTP response is delayed by 250 ms: runbook "Slow Response Times". */
  SLOW("slow"),
  /** {@code POST /scene/load} answers 500 with an error body: runbook "High Error Rate". */
  SCENE_500("scene-500"),
  /** Healthy, but once a scene is loaded writes an ERROR line to the service log every second. */
  ERROR_LOG("error-log"),
  /**
   * Healthy for {@code degradeAfterSeconds} after start (20 s by default: past Steps 5-10 on the
   * sandbox), then 20 % of the API's requests but {@code GET /status} answer 500, logged as WARN
   * lines only: every gate of the deployment passes, and only the watch window after Step 10 sees
   * the error rate (runbook "When to Rollback").
   */
  DEGRADES("degrades");

  private final String jsonName;

  Fault(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in {@code release.json} and on the command line. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The fault called {@code name}; the message lists the accepted names otherwise. */
  @JsonCreator
  public static Fault fromName(String name) {
    return Arrays.stream(values())
        .filter(f -> f.jsonName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown fault '" + name + "'; use one of: " + names()));
  }

  /** The accepted names, comma separated, for help texts and error messages. */
  public static String names() {
    return Arrays.stream(values()).map(Fault::jsonName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
