package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.standin.SceneFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incident 5 on a host: the served release's scene files deleted ({@code scene-missing}, Scenario A)
 * or made unreadable with mode 000 ({@code scene-unreadable}, Scenario D). The service notices at the
 * next {@code POST /scene/load}. Nothing of the service's memory is involved: a restart leaves the
 * files as they are, only a restore (from {@code backups/}) or a {@code chmod} fixes them. The
 * sandbox keeps a copy of each deleted file outside the deploy root, so {@code clear} can put it
 * back even where no backup holds it.
 */
final class SceneDamage {

  private static final String UNREADABLE = "---------";

  private SceneDamage() {}

  static ConditionRecord remove(SandboxHost host, List<String> scenes) throws IOException {
    Map<String, String> copies = new LinkedHashMap<>();
    Path saved = host.conditionsDir().resolve(Condition.SCENE_MISSING.jsonName());
    for (Path file : sceneFiles(host, scenes)) {
      Path copy = saved.resolve(host.deployRoot().relativize(file));
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      Files.delete(file);
      copies.put(file.toString(), copy.toString());
    }
    return new ConditionRecord(Condition.SCENE_MISSING, List.copyOf(copies.keySet()), copies, List.of(), 0,
        System.currentTimeMillis());
  }

  static ConditionRecord makeUnreadable(SandboxHost host, List<String> scenes) throws IOException {
    Map<String, String> modes = new LinkedHashMap<>();
    for (Path file : sceneFiles(host, scenes)) {
      modes.put(file.toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(UNREADABLE));
    }
    return new ConditionRecord(Condition.SCENE_UNREADABLE, List.copyOf(modes.keySet()), modes, List.of(), 0,
        System.currentTimeMillis());
  }

  /** Some file is still missing (scene-missing) or still unreadable to the service (scene-unreadable). */
  static boolean holds(ConditionRecord record) {
    return record.files().stream().anyMatch(file -> record.condition() == Condition.SCENE_MISSING
        ? !Files.exists(file) : Files.exists(file) && !SceneFiles.readable(file));
  }

  /** Puts back what is still missing or unreadable; a file that was restored (or rewritten) meanwhile is left alone. */
  static void undo(ConditionRecord record) throws IOException {
    for (Map.Entry<String, String> entry : record.restore().entrySet()) {
      Path file = Path.of(entry.getKey());
      if (record.condition() == Condition.SCENE_MISSING) {
        Path copy = Path.of(entry.getValue());
        if (!Files.exists(file) && Files.exists(copy) && Files.isDirectory(file.getParent())) {
          Files.copy(copy, file, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.deleteIfExists(copy);
      } else if (Files.exists(file) && !SceneFiles.readable(file)) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(entry.getValue()));
      }
    }
  }

  /** The scene files in the served release, each of which must exist now. */
  private static List<Path> sceneFiles(SandboxHost host, List<String> scenes) throws IOException {
    Path release = ReleaseBackups.servedRelease(host);
    List<Path> files = new ArrayList<>();
    for (String scene : scenes) {
      Path file = release.resolve(scene).normalize();
      if (!file.startsWith(release) || !Files.isRegularFile(file)) {
        throw new IllegalStateException(host.name() + ": " + release.getFileName() + "/" + scene
            + " is not there to damage (already missing? 'sandbox clear " + host.name() + "' restores it)");
      }
      files.add(file);
    }
    return files;
  }
}
