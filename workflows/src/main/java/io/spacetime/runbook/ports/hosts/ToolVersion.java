package io.spacetime.runbook.ports.hosts;

/**
 * Runbook 2.2: a required tool as found on a host.
 *
 * @param found the version command exited 0
 * @param version first dotted version number in its output, empty when none
 */
public record ToolVersion(String tool, boolean found, String version, String minVersion, CommandEvidence command) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public ToolVersion {
    tool = tool == null ? "" : tool;
    version = version == null ? "" : version;
    minVersion = minVersion == null ? "" : minVersion;
  }
}
