package io.spacetime.runbook.sandbox.standin;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

/**
 * The scene files of the release the service runs, read when a scene is loaded (Incident 5): a
 * file deleted or made unreadable after the start fails the next load, as it does in Godot. Public
 * for {@link #readable}, the one judgement of readability the sandbox's own checks share.
 */
public final class SceneFiles {

  private static final String RES = "res://";

  /** What loading a scene found. */
  enum Outcome { LOADED, NOT_FOUND, PERMISSION_DENIED }

  private final Path releaseDir;

  SceneFiles(Path releaseDir) {
    this.releaseDir = releaseDir.toAbsolutePath().normalize();
  }

  /** {@code res://vr_main.tscn} as a file of the release; empty when the path leads outside it. */
  Optional<Path> resolve(String scenePath) {
    String relative = scenePath.startsWith(RES) ? scenePath.substring(RES.length()) : scenePath;
    Path file = releaseDir.resolve(relative).normalize();
    return relative.isEmpty() || !file.startsWith(releaseDir) || file.equals(releaseDir) ? Optional.empty()
        : Optional.of(file);
  }

  /** Reads the scene file as the service's user would. */
  Outcome load(Path file) {
    try {
      if (!readableByService(file)) {
        return Outcome.PERMISSION_DENIED;
      }
      Files.readAllBytes(file);
      return Outcome.LOADED;
    } catch (NoSuchFileException e) {
      return Outcome.NOT_FOUND;
    } catch (AccessDeniedException e) {
      return Outcome.PERMISSION_DENIED;
    } catch (IOException e) {
      return Outcome.NOT_FOUND;
    }
  }

  /**
   * Whether the service's user may read {@code file}, judged by its permission bits: the owner's
   * read bit when the service owns it, the group's or others' otherwise. Not {@link Files#isReadable}:
   * the sandbox runs as root, which reads a file of mode 000 all the same, while the runbook's
   * service user ({@code spacetime-app}) cannot.
   *
   * @throws NoSuchFileException when there is no such file
   */
  static boolean readableByService(Path file) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
    boolean owned = attributes.owner().getName().equals(System.getProperty("user.name"));
    boolean bit = owned ? attributes.permissions().contains(PosixFilePermission.OWNER_READ)
        : attributes.permissions().contains(PosixFilePermission.GROUP_READ)
            || attributes.permissions().contains(PosixFilePermission.OTHERS_READ);
    return bit && Files.isReadable(file);
  }

  /** {@link #readableByService} for callers outside the service (the sandbox's own checks); false when missing. */
  public static boolean readable(Path file) {
    try {
      return Files.exists(file) && readableByService(file);
    } catch (IOException e) {
      return false;
    }
  }
}
