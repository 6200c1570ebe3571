package io.spacetime.runbook.ports.incident;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.List;

/**
 * Incident 5's readings on one host, for the release the {@code production} link serves.
 *
 * @param releaseDir the directory the link points to
 * @param missing scene files (and referenced {@code ext_resource} files) that do not exist
 * @param unreadable files that exist but the service user cannot read (mode, not content)
 * @param notText files that exist but are not text (corrupted)
 * @param restorableFrom the newest backup archive holding every missing file, empty when none does
 */
public record SceneFilesReport(
    String host, String releaseDir, List<String> checked, List<String> missing, List<String> unreadable,
    List<String> notText, String restorableFrom, List<CommandEvidence> commands) {

  public SceneFilesReport {
    host = host == null ? "" : host;
    releaseDir = releaseDir == null ? "" : releaseDir;
    checked = checked == null ? List.of() : List.copyOf(checked);
    missing = missing == null ? List.of() : List.copyOf(missing);
    unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    notText = notText == null ? List.of() : List.copyOf(notText);
    restorableFrom = restorableFrom == null ? "" : restorableFrom;
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  public boolean healthy() {
    return missing.isEmpty() && unreadable.isEmpty() && notText.isEmpty();
  }
}
