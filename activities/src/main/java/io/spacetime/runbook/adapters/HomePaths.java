package io.spacetime.runbook.adapters;

import java.nio.file.Path;

/** Expands a leading {@code ~/} the way a shell would, for paths from environment files. */
public final class HomePaths {

  private HomePaths() {}

  public static Path expand(String path) {
    String home = System.getProperty("user.home");
    if (path.equals("~")) {
      return Path.of(home);
    }
    if (path.startsWith("~/")) {
      return Path.of(home, path.substring(2));
    }
    return Path.of(path);
  }
}
