package io.spacetime.runbook.hosts;

import java.util.List;

/** Step 3: {@code staging/} synchronised into {@code production-<version>/}. */
public record ReleaseCopy(String host, String releaseDir, long files, List<CommandEvidence> commands) {}
