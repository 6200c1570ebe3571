package io.spacetime.runbook.ports.hosts;

import java.util.List;
import java.util.Map;

/**
 * Step 4: the environment's config installed as {@code <release>/.env}.
 *
 * @param ports the port settings read back from the installed file (API_PORT, TELEMETRY_PORT, ...)
 * @param envMode the installed .env's permission bits ({@code 640}), empty when unknown
 * @param autoloadSection the release's project.godot has an {@code [autoload]} section; null when unknown
 */
public record ConfigInstall(String host, String target, Map<String, String> ports, List<CommandEvidence> commands,
    String envMode,
    Boolean autoloadSection) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ConfigInstall {
    envMode = envMode == null ? "" : envMode;
    host = host == null ? "" : host;
    target = target == null ? "" : target;
    commands = commands == null ? List.of() : commands;
  }

  /** As measured before envMode, autoloadSection; the newer fields unknown. */
  public ConfigInstall(String host, String target, Map<String, String> ports, List<CommandEvidence> commands) {
    this(host, target, ports, commands, "", null);
  }
}
