package io.spacetime.runbook.ports.hosts;

/**
 * Runbook 2.2: a tool that must be present on the host at a minimum version.
 *
 * @param command how to ask the tool its version ({@code godot --version}); configuration, not input
 * @param minVersion dotted version, compared numerically part by part ("4.5.0")
 */
public record ToolRequirement(String name, String command, String minVersion) {}
