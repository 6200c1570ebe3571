package io.spacetime.runbook.deployment;

/**
 * What undoing one deployed host needs to know, as its Step 2 and 3 found and chose it: the
 * release it served before (directory, backup link and version) and the directory of the new one.
 */
public record HostRelease(
    String host, String previousDir, String previousBackupDir, String previousVersion, String releaseDir) {}
