package io.spacetime.runbook.ports.hosts;

import java.util.List;
import java.util.Map;

/**
 * Step 4: the environment's config installed as {@code <release>/.env}.
 *
 * @param ports the port settings read back from the installed file (API_PORT, TELEMETRY_PORT, ...)
 */
public record ConfigInstall(String host, String target, Map<String, String> ports, List<CommandEvidence> commands) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ConfigInstall {
    host = host == null ? "" : host;
    target = target == null ? "" : target;
    commands = commands == null ? List.of() : commands;
  }
}
