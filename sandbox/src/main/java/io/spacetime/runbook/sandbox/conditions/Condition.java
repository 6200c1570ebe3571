package io.spacetime.runbook.sandbox.conditions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.spacetime.runbook.sandbox.standin.RuntimeCondition;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What can go wrong on a running sandbox host, induced for real so the incident runbook's
 * investigation finds it and its fix removes it. Two kinds: those the service holds in memory
 * ({@link #runtime()} is present), which a restart of the service ends, as the runbook's "restart
 * service" relies on, and those of the host (files, processes), which stay until fixed.
 * Serialised and named on the command line by its runbook-style name ({@code "memory-growth"}).
 */
public enum Condition {
  /** Incident 2: a share of the API's responses answer 500, each with an ERROR line in the log. */
  ERRORS("errors", RuntimeCondition.ERRORS, "a share of API responses answer 500 (--rate)"),
  /** Incident 3: every API response is delayed. */
  SLOW("slow", RuntimeCondition.SLOW, "every API response is delayed (--delay-ms)"),
  /** Incident 4: every API request answers 401 and logs "authentication failed". */
  AUTH("auth", RuntimeCondition.AUTH, "every API request answers 401"),
  /** Incident 6: the service's resident memory grows, up to a cap. */
  MEMORY_GROWTH("memory-growth", RuntimeCondition.MEMORY_GROWTH, "resident memory grows (--mb-per-second)"),
  /** Incident 5 Scenario A: the served release's scene files are deleted. */
  SCENE_MISSING("scene-missing", null, "the served release's scene files are deleted"),
  /** Incident 5 Scenario D: the served release's scene files get mode 000. */
  SCENE_UNREADABLE("scene-unreadable", null, "the scene files' mode is set to 000"),
  /** Incident 7: an old big log, core dumps and temp files fill the deploy root's quota. */
  DISK_FILL("disk-fill", null, "an old log, cores and temp files fill the disk"),
  /** Incident 1 Scenario A: the service process dies (SIGKILL), no stop command. */
  CRASH("crash", null, "the service dies (SIGKILL)"),
  /** Incident 1 Scenario B: a crash, then a foreign process listens on the API port. */
  PORT_CONFLICT("port-conflict", null, "crash, then another process takes the API port"),
  /** Incident 7 Scenario B: dated backup archives far beyond the retention. */
  BACKUPS_PILE("backups-pile", null, "old dated backups far beyond the retention");

  private final String jsonName;
  private final RuntimeCondition runtime;
  private final String summary;

  Condition(String jsonName, RuntimeCondition runtime, String summary) {
    this.jsonName = jsonName;
    this.runtime = runtime;
    this.summary = summary;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The service's own condition this is, when the service holds it (and a restart ends it). */
  public Optional<RuntimeCondition> runtime() {
    return Optional.ofNullable(runtime);
  }

  /** One short line for help texts. */
  public String summary() {
    return summary;
  }

  /** The condition called {@code name}; the message lists the accepted names otherwise. */
  @JsonCreator
  public static Condition fromName(String name) {
    return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown condition '" + name + "'; use one of: " + names()));
  }

  /** The accepted names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(Condition::jsonName).collect(Collectors.joining(", "));
  }

  static Condition of(RuntimeCondition runtime) {
    return Arrays.stream(values()).filter(c -> c.runtime == runtime).findFirst().orElseThrow();
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
